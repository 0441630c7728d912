import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { makePlaceholderMedia } from './helpers/placeholder-media.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

/** An SVG that, run as a document, reads the admin API and reports whether it ran. */
const attackSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><a:script xmlns:a="http://www.w3.org/2000/svg">fetch('/api/campaigns?from=logo'); document.title = 'ran';</a:script><rect width="100" height="40" fill="#0b5d1e"/></svg>`;

const closers: Closers = [];
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let base: string;
let browser: Browser;
/** Paths the server was asked for. */
const asked: string[] = [];

beforeAll(async () => {
  temp = await makeTempDir('security-logo-browser');
  closers.push(() => temp.remove());
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'db') });
  closers.push(() => db.close());
  const siteDir = path.join(temp.dir, 'site');
  await fs.mkdir(path.join(siteDir, 'assets'), { recursive: true });
  // A logo published as an SVG before logos were drawn as PNGs: it is still in the folder.
  await fs.writeFile(path.join(siteDir, 'assets', 'brand-logo.0123456789ab.svg'), attackSvg);
  const media = await makePlaceholderMedia({ dir: path.join(siteDir, 'r', 'media'), seconds: 1 });
  await fs.rm(media.video.replace('video.mp4', 'frame.png'));
  app = await buildApp({ db, siteDir, apiKey: 'browser-test-key-0123' });
  app.addHook('onRequest', async (request) => void asked.push(request.url));
  ({ base, browser } = await listenAndLaunch({ app, closers }));
}, 120_000);

afterAll(() => closeAll(closers));

describe("an SVG with script opened on its own at the pages' origin", () => {
  it('runs nothing in Chromium: the sandbox policy stops its script', async () => {
    const page = await browser.newPage();
    const response = await page.goto(`${base}/assets/brand-logo.0123456789ab.svg`, { waitUntil: 'load' });
    expect(response?.status()).toBe(200);
    // Long enough for a fetch the script would have made to reach the server.
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await page.title()).not.toBe('ran');
    expect(asked.filter((url) => url.startsWith('/api/'))).toEqual([]);
    expect(response?.headers()['content-security-policy']).toContain('sandbox');
    // The picture itself still shows.
    expect(await page.evaluate(() => document.querySelector('rect')?.getAttribute('fill'))).toBe('#0b5d1e');
    await page.close();
  });

  it('still shows a picture or plays a video opened on its own', async () => {
    const page = await browser.newPage();
    const poster = await page.goto(`${base}/r/media/poster.jpg`, { waitUntil: 'load' });
    expect(poster?.headers()['content-security-policy']).toContain('sandbox');
    expect(await page.evaluate(() => document.querySelector('img')?.naturalWidth)).toBe(320);
    await page.goto(`${base}/r/media/video.mp4`, { waitUntil: 'load' });
    await page.waitForFunction(
      () => (document.querySelector('video')?.readyState ?? 0) >= 1 || Boolean(document.querySelector('video')?.error),
      // Polled on a timer: a media document on a busy machine may not paint, so frames cannot pace the check.
      { timeout: 30_000, polling: 250 },
    );
    expect(
      await page.evaluate(() => ({
        error: document.querySelector('video')?.error?.code ?? null,
        seconds: document.querySelector('video')?.duration,
      })),
    ).toEqual({ error: null, seconds: 1 });
    await page.close();
  });
});
