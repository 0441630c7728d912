import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { expect } from 'vitest';
import { buildApp } from '../../server/api/build-app.ts';
import type { Db } from '../../server/store/db.ts';
import { openEmbeddedStore } from '../../server/store/open-embedded-store.ts';
import { getFreePort } from '../../scripts/lib/free-port.ts';
import { launchBrowser } from './launch-browser.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';

/** The admin key the studio tests sign in with. */
export const studioApiKey = 'studio-test-key-0123456789';

/** A listening app with the studio on an embedded store of its own, and a browser to drive it. */
export type StudioApp = {
  dir: string;
  db: Db;
  app: FastifyInstance;
  origin: string;
  browser: Browser;
  /**
   * The studio in a desktop tab (1400 × 1000 unless given), signed in with the key (the admin key
   * unless given) as the Basic-auth password, as an operator's browser would; once its first preview is shown.
   */
  openStudio: (options?: { apiKey?: string; width?: number; height?: number }) => Promise<Page>;
  close: () => Promise<void>;
};

export async function startStudioApp(options: { name: string }): Promise<StudioApp> {
  const temp = await makeTempDir(options.name);
  const db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  const app = await buildApp({
    db,
    apiKey: studioApiKey,
    studio: { dataDir: path.join(temp.dir, 'studio-data'), browserExecutable: process.env.KINDLY_BROWSER },
  });
  const port = await getFreePort();
  await app.listen({ port, host: '127.0.0.1' });
  const browser = await launchBrowser();
  const close = async () => {
    await browser.close();
    await app.close();
    await db.close();
    await temp.remove();
  };
  const origin = `http://127.0.0.1:${port}`;
  const openStudio = async (options: { apiKey?: string; width?: number; height?: number } = {}) => {
    const page = await browser.newPage();
    await page.setViewport({ width: options.width ?? 1400, height: options.height ?? 1000 });
    await page.authenticate({ username: 'operator', password: options.apiKey ?? studioApiKey });
    await page.goto(`${origin}/studio`, { waitUntil: 'domcontentloaded' });
    await page.waitForSelector('body[data-preview="ready"]', { timeout: 400_000 });
    return page;
  };
  return { dir: temp.dir, db, app, origin, browser, openStudio, close };
}

/** Waits until the preview of the last edit is shown (`ready`) or refused (`invalid`); edits in between mark it `pending`. */
export async function waitForPreview(page: Page, outcome: 'ready' | 'invalid' = 'ready'): Promise<void> {
  await page.waitForFunction((wanted) => document.body.dataset.preview === wanted, { timeout: 180_000 }, outcome);
}

export async function replaceText(page: Page, selector: string, text: string): Promise<void> {
  // Focus and empty the box, then type: a triple click's selection could land after the first
  // keystrokes on a busy machine and swallow them.
  await page.focus(selector);
  await page.$eval(selector, (element) => ((element as HTMLInputElement).value = ''));
  await page.type(selector, text);
  expect(await page.$eval(selector, (element) => (element as HTMLInputElement).value)).toBe(text);
}
