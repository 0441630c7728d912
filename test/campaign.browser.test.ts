import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { listEvents } from '../server/store/events.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { launchBrowser } from './helpers/launch-browser.ts';
import { runCli } from './helpers/run-cli.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const records = [
  'id;name;amount;currency;due_date;invoice;locale',
  'D-1;<script>alert(1)</script>;1.234,50;EUR;15/03/2027;FT-1;it-IT',
  'D-2;陳美玲 Ñúñez;89,90;GBP;2027-02-28;INV-2;en-GB',
  'D-3;Broken Date;10;EUR;31/02/2027;FT-3;it-IT',
].join('\n');

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let out: string;
let port: number;
let payUrl: string;
let render: Awaited<ReturnType<typeof runCli>>;
let links: { id: string; url: string }[];

beforeAll(async () => {
  temp = await makeTempDir('campaign');
  out = path.join(temp.dir, 'out');
  port = await getFreePort();
  payUrl = `http://127.0.0.1:${port}/demo/pay?shop=kindly`;
  await fs.writeFile(path.join(temp.dir, 'records.csv'), records);
  render = await runCli({
    args: [
      'render',
      '--template',
      'gentle-reminder',
      '--records',
      path.join(temp.dir, 'records.csv'),
      '--out',
      out,
      '--base-url',
      `http://127.0.0.1:${port}`,
      '--pay-url',
      payUrl,
    ],
    env: { KINDLY_DATA_DIR: path.join(temp.dir, 'data') },
    // An operator runs kindly from their own folder, not the project's.
    cwd: temp.dir,
  });
  const csv = await fs.readFile(path.join(out, 'links.csv'), 'utf8').catch(() => '');
  links = csv
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [id = '', url = ''] = line.split(',');
      return { id, url };
    });
}, 600_000);

afterAll(async () => {
  await temp.remove();
});

describe('kindly render, on a real browser and ffmpeg', () => {
  it('exits 0 with rejected rows and writes counts that add up', async () => {
    expect(render.stderr).not.toMatch(/unexpected failure/);
    expect(render.code).toBe(0);
    const summary = JSON.parse(await fs.readFile(path.join(out, 'campaign.json'), 'utf8'));
    expect(summary.counts).toEqual({ read: 3, accepted: 2, rejected: 1, published: 2, failed: 0 });
    expect(await fs.readFile(path.join(out, 'rejects.csv'), 'utf8')).toBe(
      // A cell holding a separator of any locale's spreadsheet (here `;`) is quoted.
      'row,field,value,reason\n4,due_date,31/02/2027,"due_date is not a real calendar date; write it as 2027-03-15 or 15/03/2027"\n',
    );
    expect(links.map((link) => link.id)).toEqual(['D-1', 'D-2']);
    for (const link of links)
      expect(link.url).toMatch(new RegExp(`^http://127\\.0\\.0\\.1:${port}/r/[A-Za-z0-9_-]{22}/$`));
  });

  it('renders H.264/AAC MP4s of the full length with the index at the front', async () => {
    for (const link of links) {
      const dir = path.join(out, 'site', new URL(link.url).pathname);
      const probe = await ffprobe(path.join(dir, 'video.mp4'));
      const video = probe.streams.find((stream) => stream.codec_type === 'video');
      const audio = probe.streams.find((stream) => stream.codec_type === 'audio');
      expect(video).toMatchObject({
        codec_name: 'h264',
        width: 1280,
        height: 720,
        r_frame_rate: '30/1',
        nb_frames: '450',
      });
      expect(Number(video?.duration)).toBeCloseTo(15, 1);
      expect(audio?.codec_name).toBe('aac');
      expect(Number(probe.format.duration)).toBeGreaterThan(14.9);
      const head = (await fs.readFile(path.join(dir, 'video.mp4'))).subarray(0, 64 * 1024).toString('latin1');
      expect(head.indexOf('moov')).toBeGreaterThan(0);
      expect(head.indexOf('moov')).toBeLessThan(head.indexOf('mdat') === -1 ? Infinity : head.indexOf('mdat'));
      const thumbnail = await sharp(path.join(dir, 'thumb.webp')).metadata();
      expect(thumbnail).toMatchObject({ format: 'webp', width: 640, height: 360 });
      const animated = await sharp(path.join(dir, 'thumb.gif'), { animated: true }).metadata();
      expect(animated).toMatchObject({ format: 'gif', width: 480, pageHeight: 270, loop: 0 });
      expect((await fs.stat(path.join(dir, 'thumb.gif'))).size).toBeLessThanOrEqual(1_000_000);
      expect((await sharp(path.join(dir, 'poster.jpg')).metadata()).width).toBe(1280);
    }
  });

  it('writes WebVTT captions with the personal text in each locale', async () => {
    const [italian, english] = await Promise.all(
      links.map((link) => fs.readFile(path.join(out, 'site', new URL(link.url).pathname, 'captions.vtt'), 'utf8')),
    );
    expect(italian).toContain('Ciao &lt;script&gt;alert(1)&lt;/script&gt;,');
    expect(italian).toContain('Importo: 1234,50\u00a0€ · Scadenza: 15 marzo 2027\nFattura: FT-1');
    expect(english).toContain('Hello 陳美玲 Ñúñez,');
    expect(english).toContain('Amount: £89.90 · Due date: 28 February 2027\nInvoice: INV-2');
  });
});

describe('a debtor opens the link on a phone', () => {
  let db: Db;
  let app: FastifyInstance;
  let browser: Browser;

  beforeAll(async () => {
    db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
    app = await buildApp({ db, siteDir: path.join(out, 'site'), apiKey: 'browser-test-key-0123' });
    await app.listen({ port, host: '127.0.0.1' });
    browser = await launchBrowser();
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await app?.close();
    await db?.close();
  });

  it('plays the video, presses Pay now, lands on the pay URL, and the events are stored', async () => {
    const page = await browser.newPage();
    await page.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
    // A phone's browser: Chromium's headless user agent is what URL scanners send, and is not counted.
    await page.setUserAgent(
      'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36',
    );
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const dialogs: string[] = [];
    page.on('dialog', async (dialog) => {
      dialogs.push(dialog.message());
      await dialog.dismiss();
    });
    const link = links[0]!;
    await page.goto(link.url, { waitUntil: 'networkidle0' });
    // The page's script opens the sealed personal part and renders it.
    await page.waitForFunction(() => (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal !== undefined);

    expect(await page.$eval('h1', (element) => element.textContent)).toBe('Ciao <script>alert(1)</script>,');
    expect(dialogs).toEqual([]);
    expect(await page.title()).toBe('Aurora Energia – il tuo messaggio');
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    expect(await page.$eval('.facts .amount', (element) => element.textContent)).toBe('1234,50\u00a0€');

    const played = await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      video.muted = true;
      await video.play();
      await new Promise((resolve) => setTimeout(resolve, 1200));
      video.currentTime = video.duration - 0.5;
      await new Promise((resolve) => video.addEventListener('ended', resolve, { once: true }));
      return { width: video.videoWidth, ended: video.ended };
    });
    expect(played).toEqual({ width: 1280, ended: true });
    // The template's hotspots over the real video's last scene, and the survey at its end.
    const hotspots = await page.$$eval('.hotspot:not([hidden])', (all) =>
      all.map((element) => element.getAttribute('data-hotspot')),
    );
    expect(hotspots).toEqual(['outro-pay', 'outro-plan', 'outro-callback', 'outro-replay']);
    expect(await page.$eval('#survey', (element) => (element as HTMLElement).hidden)).toBe(false);

    await Promise.all([page.waitForNavigation(), page.click('a[data-cta="pay"]')]);
    const landed = new URL(page.url());
    expect(`${landed.origin}${landed.pathname}`).toBe(`http://127.0.0.1:${port}/demo/pay`);
    expect(landed.searchParams.get('shop')).toBe('kindly');
    expect(landed.searchParams.get('intent')).toBe('pay');
    expect(await page.$eval('main', (element) => element.dataset.intent)).toBe('pay');

    // data: URLs are the browser's own video-control icons, not requests.
    const offSite = requested.filter((url) => !url.startsWith('data:') && new URL(url).host !== `127.0.0.1:${port}`);
    expect(offSite).toEqual([]);

    const campaignId = JSON.parse(await fs.readFile(path.join(out, 'campaign.json'), 'utf8')).id as string;
    let events: string[] = [];
    for (let attempt = 0; attempt < 50 && !(events.includes('click_pay') && events.includes('watched')); attempt += 1) {
      events = await listEvents({ db, campaignId, recordId: link.id });
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    // Beacons sent in the same instant (the buckets after a seek) may arrive in any order. Seeking
    // to the end reaches every bucket but watches little: no `complete` (that needs 80 % watched).
    const buckets = [10, 20, 25, 30, 40, 50, 60, 70, 75, 80, 90].map((bucket) => `progress_${bucket}`);
    expect([...events].sort()).toEqual(['click_pay', 'play', ...buckets, 'view', 'watched'].sort());
    expect(events.slice(0, 2)).toEqual(['view', 'play']);
    expect(events.at(-1)).toBe('click_pay');

    const stats = await app.inject({
      method: 'GET',
      url: `/api/campaigns/${campaignId}/stats`,
      headers: { authorization: 'Bearer browser-test-key-0123' },
    });
    expect(stats.json().funnel).toMatchObject({
      issued: 2,
      viewed: 1,
      played: 1,
      reached75: 1,
      completed: 0,
      clickedPay: 1,
      clickedPlan: 0,
    });
    await page.close();
  }, 120_000);
});
