import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { loadConfig } from '../server/config.ts';
import { openServices, type Services } from '../server/open-services.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// Hold under attack, point 2: a gated page's media must not be reachable by whoever has the link,
// and the e-mail must not carry the debtor's video frames. One real campaign, rendered and
// published through the API the operator uses, served as the CDN would serve it.
const apiKey = 'gate-media-key-0123456789';
const auth = { authorization: `Bearer ${apiKey}` };
const records = [
  'id,name,amount,currency,due_date,invoice,locale,postcode',
  'G-1,Priya Raman-Whitlock,312.40,GBP,2027-02-28,INV-2027-7301,en-GB,SW1A 1AA',
  'G-2,Harriet Okonkwo-Smythe,1480.25,GBP,2027-03-31,INV-2027-0099,en-GB,EH1 2NG',
].join('\n');
const personal = ['Priya', 'Whitlock', 'Harriet', 'Okonkwo', '312.40', '1,480.25', 'INV-2027', 'SW1A', 'EH1'];
const mediaNames = /video\.mp4|poster\.jpg|captions\.vtt|thumb\.webp|thumb\.gif/;

let closers: Closers = [];
let services: Services;
let app: FastifyInstance;
let base: string;
let browser: Browser;
let siteDir: string;
type Link = { id: string; url: string; token: string };
let gated: Link[];
let neutralOnly: Link[];

async function call(method: 'GET' | 'POST', url: string, body?: unknown) {
  const response = await app.inject({
    method,
    url,
    headers: auth,
    ...(body === undefined ? {} : { payload: body as Record<string, unknown> }),
  });
  return { status: response.statusCode, json: () => response.json(), text: response.body };
}

/** Creates, fills and renders a campaign through the admin API, and returns its links. */
async function runCampaign(options: { id: string; body: Record<string, unknown>; records: string }): Promise<Link[]> {
  expect(
    (
      await call('POST', '/api/campaigns', {
        id: options.id,
        template: 'gentle-reminder',
        payUrl: `${base}/demo/pay`,
        baseUrl: base,
        trackUrl: base,
        ...options.body,
      })
    ).status,
  ).toBe(201);
  const form = await makeMultipart({ file: { name: 'records.csv', contents: options.records } });
  const upload = await app.inject({
    method: 'POST',
    url: `/api/campaigns/${options.id}/records`,
    headers: { ...auth, ...form.headers },
    payload: form.payload,
  });
  expect(upload.json()).toMatchObject({ rejected: 0 });
  // The upload answers before its campaign is marked ready; a start just then would be refused.
  while ((await call('GET', `/api/campaigns/${options.id}`)).json().status !== 'ready')
    await new Promise((resolve) => setTimeout(resolve, 50));
  expect((await call('POST', `/api/campaigns/${options.id}/start`)).status).toBe(200);
  let progress = { accepted: 0, queued: 1, rendering: 0, failed: 0 };
  for (
    let waited = 0;
    waited < 600 && (progress.accepted === 0 || progress.queued + progress.rendering > 0);
    waited += 1
  ) {
    await new Promise((resolve) => setTimeout(resolve, 1000));
    progress = (await call('GET', `/api/campaigns/${options.id}`)).json().progress;
  }
  expect(progress.failed, (await call('GET', `/api/campaigns/${options.id}/failures`)).text).toBe(0);
  const links = (await call('GET', `/api/campaigns/${options.id}/links.csv`)).text.trim().split('\n').slice(1);
  return links.map((line) => {
    const [id = '', url = ''] = line.split(',');
    return { id, url, token: new URL(url).pathname.split('/')[2] ?? '' };
  });
}

const readDataBlock = (html: string) =>
  /<script type="application\/json" id="kindly-page">([^<]*)<\/script>/.exec(html)?.[1] ?? '';

async function listFiles(dir: string, prefix = ''): Promise<string[]> {
  const entries = await fs.readdir(dir, { withFileTypes: true });
  const nested = await Promise.all(
    entries.map(async (entry) =>
      entry.isDirectory()
        ? listFiles(path.join(dir, entry.name), `${prefix}${entry.name}/`)
        : [`${prefix}${entry.name}`],
    ),
  );
  return nested.flat().sort();
}

async function deliveryKit(campaignId: string): Promise<{ id: string; thumbnailUrl: string; emailHtml: string }[]> {
  const response = await call('GET', `/api/campaigns/${campaignId}/delivery.json`);
  expect(response.status).toBe(200);
  return response.json().recipients;
}

beforeAll(async () => {
  closers = [];
  const temp = await makeTempDir('security-gate-media');
  closers.push(() => temp.remove());
  siteDir = path.join(temp.dir, 'site');
  const port = await getFreePort();
  base = `http://127.0.0.1:${port}`;
  services = await openServices({ config: loadConfig({ KINDLY_DATA_DIR: path.join(temp.dir, 'data') }), siteDir });
  closers.push(() => services.close());
  app = await buildApp({
    db: services.db,
    siteDir,
    apiKey,
    runner: services.runner,
    publisher: services.publisher,
    segmentCache: services.segmentCache,
    defaultBaseUrl: base,
    defaultTrackUrl: base,
  });
  ({ browser } = await listenAndLaunch({ app, closers, port }));
  gated = await runCampaign({ id: 'gated-media', body: { privacyGate: { field: 'postcode' } }, records });
  neutralOnly = await runCampaign({
    id: 'neutral-only',
    body: { neutralThumbnail: true },
    records: records.split('\n').slice(0, 2).join('\n'),
  });
}, 900_000);

afterAll(() => closeAll(closers));

describe('a gated page and its media', () => {
  it('renders and publishes every recipient', () => {
    expect(gated.map((link) => link.id)).toEqual(['G-1', 'G-2']);
    expect(neutralOnly.map((link) => link.id)).toEqual(['G-1']);
  });

  it('names no media file in its HTML or data block, and keeps the media in a folder only the sealed part names', async () => {
    for (const link of gated) {
      const response = await fetch(link.url);
      const html = await response.text();
      expect(response.status).toBe(200);
      expect(html).not.toMatch(mediaNames);
      expect(readDataBlock(html)).not.toMatch(mediaNames);
      for (const text of personal) expect(html.replace(/"sealed":\{[^}]*\}/, '')).not.toContain(text);
      const files = await listFiles(path.join(siteDir, 'r', link.token));
      const folder = files.find((file) => file.endsWith('/video.mp4'))?.split('/')[0] ?? '';
      expect(folder).toMatch(/^[0-9a-f]{32}$/);
      expect(files).toEqual(
        [
          'index.html',
          ...['captions.vtt', 'poster.jpg', 'thumb.webp', 'video.mp4'].map((name) => `${folder}/${name}`),
        ].sort(),
      );
      expect(html).not.toContain(folder);
      const probe = await ffprobe(path.join(siteDir, 'r', link.token, folder, 'video.mp4'));
      expect(probe.streams.find((stream) => stream.codec_type === 'video')).toMatchObject({
        codec_name: 'h264',
        width: 1280,
        height: 720,
      });
    }
    // The two links' folders are unrelated: knowing one's gives nothing about the other's.
    const folders = await Promise.all(
      gated.map(async (link) =>
        (await fs.readdir(path.join(siteDir, 'r', link.token))).find((name) => name !== 'index.html'),
      ),
    );
    expect(new Set(folders).size).toBe(2);
  });

  it('answers 404 for every media name that knowing the link would suggest', async () => {
    for (const link of gated) {
      for (const name of ['video.mp4', 'poster.jpg', 'thumb.webp', 'thumb.gif', 'captions.vtt']) {
        const response = await fetch(`${link.url}${name}`);
        expect([link.id, name, response.status]).toEqual([link.id, name, 404]);
      }
    }
  });

  it('e-mails one neutral animated thumbnail per locale: the same bytes for every debtor, none of their frames', async () => {
    const kit = await deliveryKit('gated-media');
    expect(kit.map((entry) => entry.id)).toEqual(['G-1', 'G-2']);
    const [first, second] = kit;
    expect(first!.thumbnailUrl).toMatch(new RegExp(`^${base}/assets/thumb\\.[0-9a-f]{12}\\.gif$`));
    expect(second!.thumbnailUrl).toBe(first!.thumbnailUrl);
    for (const entry of kit) {
      expect(entry.emailHtml).toContain(`src="${first!.thumbnailUrl}"`);
      for (const link of gated) expect(entry.emailHtml).not.toContain(`${link.url}thumb`);
    }
    const response = await fetch(first!.thumbnailUrl);
    expect([response.status, response.headers.get('content-type')]).toEqual([200, 'image/gif']);
    const gif = Buffer.from(await response.arrayBuffer());
    const meta = await sharp(gif, { animated: true }).metadata();
    expect(meta.pages).toBeGreaterThan(3);
    expect(gif.length).toBeLessThanOrEqual(1_000_000);
    // No debtor GIF was made at all.
    const everything = await listFiles(siteDir);
    expect(everything.filter((file) => file.endsWith('.gif'))).toEqual([
      new URL(first!.thumbnailUrl).pathname.slice(1),
    ]);
  });

  it('offers the neutral thumbnail without a gate too (neutralThumbnail), the same file for the same locale and look', async () => {
    const [entry] = await deliveryKit('neutral-only');
    const [gatedEntry] = await deliveryKit('gated-media');
    expect(entry!.thumbnailUrl).toBe(gatedEntry!.thumbnailUrl);
    // Without a gate the media stay beside the page, as before: the link opens them anyway.
    expect(await listFiles(path.join(siteDir, 'r', neutralOnly[0]!.token))).toEqual([
      'captions.vtt',
      'index.html',
      'poster.jpg',
      'thumb.webp',
      'video.mp4',
    ]);
  });

  it('plays the video with its poster and captions once the right answer opens the page', async () => {
    const link = gated[0]!;
    const page = await browser.newPage();
    await page.setViewport({ width: 390, height: 844, isMobile: true, hasTouch: true });
    const requested: string[] = [];
    const problems: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('pageerror', (error) => problems.push(String(error)));
    page.on(
      'console',
      (message) => /Content Security Policy|Refused to/i.test(message.text()) && problems.push(message.text()),
    );
    await page.goto(link.url, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#gate:not([hidden])');
    expect(requested.filter((url) => url.includes(`/r/${link.token}/`) && !url.endsWith(`/r/${link.token}/`))).toEqual(
      [],
    );
    await page.type('#gate-answer', 'sw1a 1aa');
    await page.keyboard.press('Enter');
    await page.waitForFunction(
      () =>
        (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal !== undefined &&
        !document.getElementById('personal')!.hidden,
    );
    expect(await page.$eval('#greeting', (element) => element.textContent)).toBe('Hello Priya Raman-Whitlock,');
    const media = await page.$eval('video', (video) => {
      const element = video;
      return {
        src: new URL(element.src).pathname,
        poster: new URL(element.poster).pathname,
        captions: new URL(element.querySelector('track')!.src).pathname,
      };
    });
    const folder = /^\/r\/[^/]+\/([0-9a-f]{32})\/video\.mp4$/.exec(media.src)?.[1];
    expect(folder).toBeDefined();
    expect(media).toEqual({
      src: `/r/${link.token}/${folder}/video.mp4`,
      poster: `/r/${link.token}/${folder}/poster.jpg`,
      captions: `/r/${link.token}/${folder}/captions.vtt`,
    });
    const played = await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      const track = video.querySelector('track')!;
      video.muted = true;
      await video.play();
      await new Promise<void>((resolve) => {
        const check = () => (video.currentTime > 1 && track.readyState === 2 ? resolve() : setTimeout(check, 100));
        check();
      });
      video.pause();
      const poster = await fetch(video.poster);
      return {
        time: video.currentTime,
        cues: video.textTracks[0]?.cues?.length ?? 0,
        firstCue: (video.textTracks[0]?.cues?.[0] as VTTCue | undefined)?.text,
        poster: [poster.status, poster.headers.get('content-type')],
      };
    });
    expect(played.time).toBeGreaterThan(1);
    expect(played.cues).toBeGreaterThan(2);
    expect(played.firstCue).toBeTruthy();
    expect(played.poster).toEqual([200, 'image/jpeg']);
    expect(problems).toEqual([]);
    await page.close();
  }, 120_000);
});
