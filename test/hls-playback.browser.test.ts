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
import { launchBrowser, launchFirefox } from './helpers/launch-browser.ts';

// One real HLS recipient (rendered, published, served with the site's headers), played on a
// phone-sized screen in real Chromium (natively, and through the site's hls.js as in a browser
// without native HLS) and in real Firefox, which has no HLS of its own.
const template = gentleReminder as unknown as TemplateDefinition;
const record = gentleReminder.schema.parse(gentleReminder.examples[0]);
const token = 'hlsplayback01234567';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let renderer: Renderer;
let app: FastifyInstance;
let browser: Browser;
let firefox: Browser;
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
  [browser, firefox] = await Promise.all([launchBrowser(), launchFirefox()]);
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await firefox?.close();
  await renderer?.close();
  await app?.close();
  await temp?.remove();
});

// The captions as the debtor gets them: 2 is the cue greeting them by name.
const cues = template.getCues(record).map((cue) => ({
  from: cue.startFrame / template.fps,
  to: cue.endFrame / template.fps,
  text: cue.text,
}));
const greeting = cues.find((cue) => cue.text.includes(record.name))!;

/**
 * Opens the recipient's page at 390 px, plays it (muted) and waits until it is past the first
 * segment (5 s): the next one was fetched and joined. `withoutNativeHls` makes the browser say it
 * cannot play HLS itself, as Firefox (and Chromium before its own HLS) says. Then goes back into
 * the cue greeting the debtor and reads the video's text tracks: what each holds and shows there.
 */
async function playPastFirstSegment(options: { in?: Browser; withoutNativeHls: boolean; chapter?: string }) {
  const page = await (options.in ?? browser).newPage();
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
    if (!/^(net::ERR_ABORTED|NS_BINDING_ABORTED)$/.test(reason)) problems.push(`failed (${reason}): ${request.url()}`);
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
  const at = (greeting.from + greeting.to) / 2;
  await page.evaluate(async (seconds) => {
    const video = document.querySelector('video')!;
    video.pause();
    const seeked = new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    video.currentTime = seconds;
    await seeked;
  }, at);
  // Cues become active as the media's clock reaches them; their text arrives with the rendition.
  await page
    .waitForFunction(() => [...document.querySelector('video')!.textTracks].some((track) => track.activeCues?.length), {
      timeout: 10_000,
    })
    .catch(() => undefined);
  const tracks = await page.$eval('video', (video) =>
    [...video.textTracks].map((track) => ({
      kind: track.kind,
      label: track.label,
      language: track.language,
      mode: track.mode,
      cues: [...(track.cues ?? [])].map((cue) => ({
        from: cue.startTime,
        to: cue.endTime,
        text: (cue as VTTCue).text,
      })),
      showing: [...(track.activeCues ?? [])].map((cue) => (cue as VTTCue).text),
    })),
  );
  // Where the picture starts on the video's clock (hls.js puts the first frame's decoding time at 0):
  // a cue shows with its first frame when it starts there plus that frame's time.
  const pictureStart = await page.evaluate(
    () =>
      new Promise<number>((resolve, reject) => {
        const video = document.querySelector('video')!;
        video.requestVideoFrameCallback((_now, frame) => resolve(frame.mediaTime));
        video.currentTime = 0;
        setTimeout(() => reject(new Error('no frame presented at 0 within 10 s')), 10_000);
      }),
  );
  const state = await page.$eval('video', (video) => ({
    error: video.error?.code ?? null,
    source: video.src.startsWith('blob:') ? 'blob:' : video.src.split('/').at(-1),
    hls: typeof (window as unknown as { Hls?: unknown }).Hls,
    width: document.documentElement.scrollWidth,
    nativeHls: video.canPlayType('application/vnd.apple.mpegurl'),
  }));
  const seen = { problems: [...problems], requests: [...requests] };
  await page.close();
  const offSite = seen.requests.filter((url) => !url.startsWith(`${origin}/`) && !/^(blob|data):/.test(url));
  const loadedHlsJs = seen.requests.some((url) => /\/assets\/hls\.[0-9a-f]{12}\.js$/.test(url));
  return { state, tracks, pictureStart, ...seen, offSite, loadedHlsJs };
}

/**
 * The debtor's captions, once: one track showing (`kind`: the stream's subtitles, or the page's
 * captions where the player shows no rendition), in their language, each cue at its time.
 */
function expectCaptionsOnce(options: {
  played: Awaited<ReturnType<typeof playPastFirstSegment>>;
  kind: 'subtitles' | 'captions';
}) {
  const { kind } = options;
  const { tracks, pictureStart } = options.played;
  // At most a few frames' decoding delay: the picture itself starts at the video's start.
  expect(pictureStart).toBeLessThan(0.2);
  const showing = tracks.filter((track) => track.mode === 'showing');
  expect(showing).toHaveLength(1);
  expect(showing[0]).toMatchObject({ kind, label: 'Italiano', language: 'it-IT' });
  expect(showing[0]!.showing).toEqual([greeting.text]);
  expect(showing[0]!.cues.map((cue) => cue.text)).toEqual(cues.map((cue) => cue.text));
  showing[0]!.cues.forEach((cue, index) => {
    expect(cue.from, `start of cue ${index + 1}`).toBeCloseTo(pictureStart + cues[index]!.from, 2);
    expect(cue.to, `end of cue ${index + 1}`).toBeCloseTo(pictureStart + cues[index]!.to, 2);
  });
  // No other track holds the captions, showing or not.
  expect(tracks.filter((track) => track.cues.length > 0 && track !== showing[0])).toEqual([]);
}

describe('an HLS page in Chromium at 390 px', () => {
  it('plays through the site’s hls.js past a segment boundary and from a chapter, with no error and nothing from another origin', async () => {
    const played = await playPastFirstSegment({ withoutNativeHls: true, chapter: 'outro' });
    expect(played.state).toEqual({ error: null, source: 'blob:', hls: 'function', width: 390, nativeHls: '' });
    expect(played.offSite).toEqual([]);
    expect(played.loadedHlsJs).toBe(true);
    expect(played.requests.some((url) => url.endsWith(`/r/${token}/part-1.ts`))).toBe(true);
    // The sound, a rendition of its own, comes from the shared assets.
    expect(played.requests.some((url) => /\/assets\/hls\/sound\.[0-9a-f]{12}\.m3u8$/.test(url))).toBe(true);
    expect(played.problems).toEqual([]);
    expectCaptionsOnce({ played, kind: 'subtitles' });
    // They come from the rendition beside the recipient's playlists, not from a track of the page.
    expect(played.requests.some((url) => url.endsWith(`/r/${token}/captions.m3u8`))).toBe(true);
  }, 60_000);

  it('plays natively where the browser plays HLS itself (this Chromium says it can), without loading hls.js', async () => {
    const played = await playPastFirstSegment({ withoutNativeHls: false });
    expect(played.state).toMatchObject({ error: null, source: 'video.m3u8', hls: 'undefined', width: 390 });
    expect(played.state.nativeHls).not.toBe('');
    expect(played.offSite).toEqual([]);
    expect(played.loadedHlsJs).toBe(false);
    expect(played.problems).toEqual([]);
    // Chromium's own HLS shows no subtitles rendition: the page's track of the same captions does.
    expectCaptionsOnce({ played, kind: 'captions' });
  }, 60_000);
});

describe('an HLS page in Firefox at 390 px', () => {
  it('plays through the site’s hls.js (Firefox plays no HLS itself) past a segment boundary and from a chapter, captions once', async () => {
    const played = await playPastFirstSegment({ in: firefox, withoutNativeHls: false, chapter: 'outro' });
    // Firefox keeps room for its scroll bar: the page is no wider than the screen.
    expect(played.state).toMatchObject({ error: null, source: 'blob:', hls: 'function', nativeHls: '' });
    expect(played.state.width).toBeLessThanOrEqual(390);
    expect(played.offSite).toEqual([]);
    expect(played.loadedHlsJs).toBe(true);
    expect(played.requests.some((url) => url.endsWith(`/r/${token}/part-1.ts`))).toBe(true);
    expect(played.problems).toEqual([]);
    expectCaptionsOnce({ played, kind: 'subtitles' });
  }, 120_000);
});
