import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { publishRecipient } from '../server/publish/publish-recipient.ts';
import { publishSiteAssets } from '../server/publish/publish-site-assets.ts';
import { serveSite } from '../server/publish/serve-site.ts';
import { findBrowser } from '../server/render/find-browser.ts';
import { makeBundle } from '../server/render/make-bundle.ts';
import { makeMicrosite } from '../server/render/make-microsite.ts';
import { openRenderer, type Renderer } from '../server/render/open-renderer.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { launchBrowser } from './helpers/launch-browser.ts';

// One real HLS recipient (rendered, published, served with the site's headers), played in real
// Chromium on a phone-sized screen through the site's hls.js, as in a browser without native HLS.
const template = gentleReminder as unknown as TemplateDefinition;
const record = gentleReminder.schema.parse(gentleReminder.examples[0]);
const token = 'hlsplayback01234567';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let renderer: Renderer;
let app: FastifyInstance;
let browser: Browser;
let origin: string;

beforeAll(async () => {
  temp = await makeTempDir('hls-playback');
  const siteDir = path.join(temp.dir, 'site');
  app = Fastify();
  // Pages report views and plays here; this test only needs them answered.
  app.post('/t/*', async (_request, reply) => reply.code(204).send());
  await app.register(serveSite({ siteDir }));
  origin = (await app.listen({ port: 0, host: '127.0.0.1' })).replace('localhost', '127.0.0.1');
  renderer = await openRenderer({
    template,
    browserExecutable: findBrowser({ configured: process.env.KINDLY_BROWSER }),
    serveUrl: await makeBundle(),
    segmentCacheDir: path.join(temp.dir, 'segments'),
  });
  const publisher = openLocalPublisher({ root: siteDir });
  const assets = await publishSiteAssets({ publisher });
  const media = await renderer.renderRecipient({ record, workDir: path.join(temp.dir, 'work'), delivery: 'hls' });
  const html = await makeMicrosite({ template, record, token, trackBase: origin, assets, video: 'hls' });
  await publishRecipient({ publisher, token, media, html });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await renderer?.close();
  await app?.close();
  await temp?.remove();
});

/**
 * Opens the recipient's page at 390 px, plays it (muted) and waits until it is past the first
 * segment (5 s): the next one was fetched and joined. `withoutNativeHls` makes the browser say it
 * cannot play HLS itself, as Firefox (and Chromium before its own HLS) says.
 */
async function playPastFirstSegment(options: { withoutNativeHls: boolean; chapter?: string }) {
  const page = await browser.newPage();
  await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' || /Content Security Policy|Refused to/i.test(message.text()))
      problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  // A media stack cancels requests it no longer needs (ERR_ABORTED); anything else is a failure.
  page.on('requestfailed', (request) => {
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') problems.push(`failed (${reason}): ${request.url()}`);
  });
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  if (options.withoutNativeHls)
    await page.evaluateOnNewDocument(() => {
      const canPlayType = HTMLMediaElement.prototype.canPlayType;
      HTMLMediaElement.prototype.canPlayType = function (type: string) {
        return /mpegurl/i.test(type) ? '' : canPlayType.call(this, type);
      };
    });
  await page.goto(`${origin}/r/${token}/`);
  await page.waitForSelector('#personal:not([hidden])');
  await page.evaluate(async () => {
    const video = document.querySelector('video')!;
    video.muted = true;
    await video.play();
  });
  await page.waitForFunction(() => document.querySelector('video')!.currentTime > 5.5, { timeout: 30_000 });
  // A chapter jumps to its place, as with an MP4, and plays on from there.
  if (options.chapter) {
    await page.click(`.chapter[data-chapter="${options.chapter}"]`);
    await page.waitForFunction(
      () => {
        const video = document.querySelector('video')!;
        return video.currentTime > 10.5 && !video.paused;
      },
      { timeout: 30_000 },
    );
  }
  const state = await page.$eval('video', (video) => ({
    error: video.error?.code ?? null,
    source: video.src.startsWith('blob:') ? 'blob:' : video.src.split('/').at(-1),
    hls: typeof (window as unknown as { Hls?: unknown }).Hls,
    width: document.documentElement.scrollWidth,
  }));
  const seen = { problems: [...problems], requests: [...requests] };
  await page.close();
  const offSite = seen.requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(blob|data):/.test(url));
  const loadedHlsJs = seen.requests.some((url) => /\/assets\/hls\.[0-9a-f]{12}\.js$/.test(url));
  return { state, ...seen, offSite, loadedHlsJs };
}

describe('an HLS page in Chromium at 390 px', () => {
  it('plays through the site’s hls.js past a segment boundary and from a chapter, with no error and nothing from another origin', async () => {
    const played = await playPastFirstSegment({ withoutNativeHls: true, chapter: 'outro' });
    expect(played.state).toEqual({ error: null, source: 'blob:', hls: 'function', width: 390 });
    expect(played.offSite).toEqual([]);
    expect(played.loadedHlsJs).toBe(true);
    expect(played.requests.some((url) => url.endsWith(`/r/${token}/part-1.ts`))).toBe(true);
    // The sound, a rendition of its own, comes from the shared assets.
    expect(played.requests.some((url) => /\/assets\/hls\/sound\.[0-9a-f]{12}\.m3u8$/.test(url))).toBe(true);
    expect(played.problems).toEqual([]);
  }, 60_000);

  it('plays natively where the browser plays HLS itself (this Chromium says it can), without loading hls.js', async () => {
    const played = await playPastFirstSegment({ withoutNativeHls: false });
    expect(played.state).toEqual({ error: null, source: 'video.m3u8', hls: 'undefined', width: 390 });
    expect(played.offSite).toEqual([]);
    expect(played.loadedHlsJs).toBe(false);
    expect(played.problems).toEqual([]);
  }, 60_000);
});
