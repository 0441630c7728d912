import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveSite } from '../server/api/serve-site.ts';
import { processRecipient } from '../server/jobs/process-recipient.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { publishSiteAssets } from '../server/publish/publish-site-assets.ts';
import { findBrowser } from '../server/render/find-browser.ts';
import { openRenderer, type Renderer } from '../server/render/open-renderer.ts';
import { createCampaign, getCampaign } from '../server/store/campaigns.ts';
import type { Db } from '../server/store/db.ts';
import { makePayRef, makeToken } from '../server/store/make-token.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { findRecipient, insertRecipients } from '../server/store/recipients.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { getVideoText } from '../templates/gentle-reminder/video-text.ts';
import type { PlaybackMode, TemplateDefinition } from '../templates/template-definition.ts';
import { comparePictures, readVideoFrames } from './helpers/decode-media.ts';
import { getFreePort } from './helpers/free-port.ts';
import { launchBrowser } from './helpers/launch-browser.ts';
import { makeTempDir } from './helpers/temp-dir.ts';
import { measurePageWeight } from './helpers/measure-page-weight.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const axeSource = await fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');
const example = (locale: string) => gentleReminder.schema.parse(gentleReminder.examples.find((each) => each.locale === locale));
/** A frame of the personal scene, every entrance settled: name, amount, due date and invoice on screen, the amount's caption. */
const personalFrame = gentleReminder.scenes.find((scene) => scene.id === 'personal')!.from + 120;

/** The published pages: one campaign per playback mode; the zh-TW recipient has a real MP4 in `both` and `rendered`. */
const pages: { locale: string; mode: PlaybackMode; token: string }[] = [];
const planned: { campaign: string; mode: PlaybackMode | undefined; locales: string[] }[] = [
  { campaign: 'live-pages', mode: 'live', locales: ['it-IT', 'en-GB', 'fr-FR'] },
  { campaign: 'both-pages', mode: 'both', locales: ['zh-TW'] },
  // No playback chosen: the template's default, an MP4 only.
  { campaign: 'rendered-pages', mode: undefined, locales: ['zh-TW'] },
];

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let renderer: Renderer;
let app: FastifyInstance;
let browser: Browser;
let origin: string;
let siteDir: string;

const pageOf = (options: { locale: string; mode: PlaybackMode }) => {
  const found = pages.find((each) => each.locale === options.locale && each.mode === options.mode);
  if (!found) throw new Error(`No ${options.mode} page in ${options.locale}`);
  return { ...found, url: `${origin}/r/${found.token}/` };
};

beforeAll(async () => {
  temp = await makeTempDir('live-page');
  siteDir = path.join(temp.dir, 'site');
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  const publisher = openLocalPublisher({ root: siteDir });
  const assets = await publishSiteAssets({ publisher });
  renderer = await openRenderer({ template, browserExecutable: findBrowser({ configured: process.env.KINDLY_BROWSER }), segmentCacheDir: process.env.KINDLY_TEST_SEGMENTS ?? path.join(temp.dir, 'segments') });
  const port = await getFreePort();
  origin = `http://127.0.0.1:${port}`;
  for (const plan of planned) {
    await createCampaign({ db, campaign: { id: plan.campaign, templateId: template.id, templateVersion: template.version, payUrl: `${origin}/pay`, baseUrl: origin, playback: plan.mode } });
    const campaign = await getCampaign({ db, id: plan.campaign });
    const recipients = plan.locales.map((locale, index) => {
      const record = example(locale);
      return { recordId: record.id, row: index + 2, token: makeToken(), payRef: makePayRef(), locale, data: record as Record<string, unknown> };
    });
    await insertRecipients({ db, campaignId: plan.campaign, recipients });
    for (const each of recipients) {
      const recipient = await findRecipient({ db, campaignId: plan.campaign, recordId: each.recordId });
      let state = await processRecipient({ db, campaign, template, renderer, publisher, assets, recipient: recipient!, workRoot: path.join(temp.dir, 'work') });
      // A render job retries transient faults (a browser slow to start on a loaded machine); so does this setup.
      for (let attempt = 1; attempt < 3 && state.status === 'failed' && state.retryable; attempt += 1) {
        state = await processRecipient({ db, campaign, template, renderer, publisher, assets, recipient: recipient!, workRoot: path.join(temp.dir, 'work') });
      }
      if (state.status !== 'published') throw new Error(`${each.locale} ${plan.mode}: ${JSON.stringify(state)}`);
      pages.push({ locale: each.locale, mode: plan.mode ?? 'rendered', token: each.token });
    }
  }
  app = Fastify();
  await app.register(serveSite({ siteDir }));
  await app.listen({ port, host: '127.0.0.1' });
  browser = await launchBrowser();
}, 900_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await renderer?.close();
  await db?.close();
  await temp?.remove();
});

/** A phone-sized tab that records every request and every CSP violation. */
async function openPhone(options: { width?: number; reducedMotion?: boolean } = {}): Promise<{ page: Page; requested: string[]; violations: () => Promise<string[]> }> {
  const page = await browser.newPage();
  await page.setViewport({ width: options.width ?? 360, height: 740, isMobile: true, hasTouch: true });
  await page.emulateMediaFeatures([{ name: 'prefers-reduced-motion', value: options.reducedMotion ? 'reduce' : 'no-preference' }]);
  const requested: string[] = [];
  page.on('request', (request) => requested.push(request.url()));
  await page.evaluateOnNewDocument(() => {
    const seen: string[] = [];
    (window as unknown as { cspViolations: string[] }).cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) => seen.push(`${event.violatedDirective} ${event.blockedURI}`));
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);
  return { page, requested, violations };
}

async function waitForPlayer(page: Page): Promise<void> {
  await page.waitForSelector('[data-live-player][data-live-state="ready"]', { timeout: 30_000 });
  await page.evaluate(() => document.fonts.ready);
}

/** Seeks the mounted player to a frame (paused) and waits until the fonts and two paints are done. */
async function seekPlayer(page: Page, frame: number): Promise<void> {
  await page.evaluate(async (target) => {
    const slot = document.querySelector('[data-live-player]')!;
    const player = await window.kindlyPlayer!.get(slot)!;
    player.pause();
    player.seekTo(target);
    for (let attempt = 0; attempt < 100 && player.getCurrentFrame() !== target; attempt += 1) await new Promise((resolve) => setTimeout(resolve, 20));
    await document.fonts.ready;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
  }, frame);
}

describe('the page in each of the four languages, on a 360 px phone', () => {
  for (const locale of ['it-IT', 'en-GB', 'fr-FR', 'zh-TW']) {
    it(`${locale}: the live player plays the recipient's video in their language; no horizontal scroll`, async () => {
      const mode = locale === 'zh-TW' ? 'both' : 'live';
      const { page, requested, violations } = await openPhone();
      await page.goto(pageOf({ locale, mode }).url, { waitUntil: 'networkidle0' });
      await waitForPlayer(page);
      const text = getVideoText(example(locale) as never);
      expect(await page.$eval('html', (element) => element.lang)).toBe(locale);
      expect(await page.title()).toBe(text.copy.pageTitle.replace('{brand}', text.copy.brand));
      expect(await page.$eval('h1', (element) => element.textContent)).toBe(text.personal.greeting);
      expect(await page.$eval('a[data-cta="pay"]', (element) => element.textContent)).toBe(text.copy.payNow);
      await seekPlayer(page, personalFrame);
      const shown = await page.$eval('[data-live-player]', (element) => (element as HTMLElement).innerText);
      for (const value of [text.personal.greeting, text.personal.amount, text.personal.dueDate, text.personal.invoice]) expect(shown).toContain(value);
      // The caption of the moment, under the picture, in the same language.
      expect(await page.$eval('[data-live-captions]', (element) => element.textContent)).toContain(`${text.personal.amountLabel}: ${text.personal.amount}`);
      // The fallback (poster, or MP4 in `both`) gives way to the player.
      expect(await page.$$eval('[data-live-fallback]', (elements) => elements.map((element) => (element as HTMLElement).hidden))).toEqual([true]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const offSite = requested.filter((url) => !url.startsWith('data:') && !url.startsWith('blob:') && !url.startsWith(origin));
      expect(offSite).toEqual([]);
      expect(await violations()).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('zh-TW: Chinese glyphs come from the shipped Noto Sans TC, on the page and in the player', async () => {
    const { page, requested } = await openPhone();
    await page.goto(pageOf({ locale: 'zh-TW', mode: 'both' }).url, { waitUntil: 'networkidle0' });
    await waitForPlayer(page);
    await seekPlayer(page, personalFrame);
    const fonts = await page.evaluate(() => ({
      page: document.fonts.check('700 24px "Noto Sans TC"', document.querySelector('h1')!.textContent!),
      loaded: [...document.fonts].filter((face) => face.family.replace(/"/g, '') === 'Noto Sans TC' && face.status === 'loaded').length,
    }));
    expect(fonts.page).toBe(true);
    expect(fonts.loaded).toBeGreaterThan(0);
    expect(requested.some((url) => /\/assets\/noto-sans-tc-\d+-(400|700)-normal\.[0-9a-f]{12}\.woff2$/.test(url))).toBe(true);
    await page.close();
  }, 60_000);
});

describe('accessibility: axe-core in Chromium, keyboard, reduced motion', () => {
  const checked = [
    ...['it-IT', 'en-GB', 'fr-FR'].map((locale) => ({ locale, mode: 'live' as const })),
    { locale: 'zh-TW', mode: 'both' as const },
    { locale: 'zh-TW', mode: 'rendered' as const },
  ];
  for (const target of checked) {
    it(`${target.locale} (${target.mode}): no serious or critical axe violation`, async () => {
      const { page } = await openPhone();
      await page.goto(pageOf(target).url, { waitUntil: 'networkidle0' });
      if (target.mode !== 'rendered') await waitForPlayer(page);
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run: (context: Document) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }> } }).axe;
        const result = await axe.run(document);
        return result.violations.map((violation) => ({ id: violation.id, impact: violation.impact, targets: violation.nodes.map((node) => node.target.join(' ')) }));
      });
      expect(violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('reduced motion: the player does not start on its own and waits on the poster frame; otherwise it starts muted', async () => {
    for (const reducedMotion of [true, false]) {
      const { page } = await openPhone({ reducedMotion });
      await page.goto(pageOf({ locale: 'en-GB', mode: 'live' }).url, { waitUntil: 'networkidle0' });
      await waitForPlayer(page);
      await new Promise((resolve) => setTimeout(resolve, 800));
      const state = await page.evaluate(async () => {
        const player = await window.kindlyPlayer!.get(document.querySelector('[data-live-player]')!)!;
        return { playing: player.isPlaying(), frame: player.getCurrentFrame() };
      });
      if (reducedMotion) expect(state).toEqual({ playing: false, frame: gentleReminder.posterFrame });
      else expect(state.playing).toBe(true);
      await page.close();
    }
  }, 60_000);

  it('the player is usable from the keyboard: Tab reaches a labelled play button with a visible focus ring, Space plays', async () => {
    const { page } = await openPhone({ reducedMotion: true });
    await page.goto(pageOf({ locale: 'it-IT', mode: 'live' }).url, { waitUntil: 'networkidle0' });
    await waitForPlayer(page);
    let focused = { label: '', inPlayer: false, outline: '' };
    for (let presses = 0; presses < 10 && !focused.inPlayer; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return { label: element.getAttribute('aria-label') ?? '', inPlayer: Boolean(element.closest('[data-live-player]')) && element.tagName === 'BUTTON', outline: getComputedStyle(element).outlineStyle };
      });
    }
    expect(focused.inPlayer).toBe(true);
    expect(focused.label).toBe('Play video');
    expect(focused.outline).not.toBe('none');
    await page.keyboard.press('Space');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const playing = await page.evaluate(async () => (await window.kindlyPlayer!.get(document.querySelector('[data-live-player]')!)!).isPlaying());
    expect(playing).toBe(true);
    await page.close();
  }, 60_000);
});

describe('playback modes', () => {
  it('live renders no MP4 (poster and captions only); both and rendered publish the MP4', async () => {
    for (const each of pages) {
      const files = (await fs.readdir(path.join(siteDir, 'r', each.token))).sort();
      const html = await fs.readFile(path.join(siteDir, 'r', each.token, 'index.html'), 'utf8');
      if (each.mode === 'live') {
        expect(files).toEqual(['captions.vtt', 'index.html', 'poster.jpg', 'thumb.webp']);
        expect(html).not.toContain('video.mp4');
      } else {
        // With a video comes its animated e-mail thumbnail (thumb.gif).
        expect(files).toEqual(['captions.vtt', 'index.html', 'poster.jpg', 'thumb.gif', 'thumb.webp', 'video.mp4']);
      }
      // The personal part is sealed: the HTML names nobody, in any mode (the player takes the record from the opened payload).
      expect(html).not.toContain(example(each.locale).name);
      expect(html).not.toContain('data-props');
      expect(html.includes('data-live-player')).toBe(each.mode !== 'rendered');
      expect(/assets\/player\.[0-9a-f]{12}\.js/.test(html)).toBe(each.mode !== 'rendered');
    }
  });

  it('when the player cannot run, the page keeps the MP4 (both) or the poster (live)', async () => {
    for (const mode of ['both', 'live'] as const) {
      const { page, requested } = await openPhone();
      await page.setRequestInterception(true);
      page.on('request', (request) => (/\/assets\/player\.[0-9a-f]{12}\.js$/.test(request.url()) ? request.abort() : request.continue()));
      const posters: number[] = [];
      page.on('response', (response) => (/\/poster\.jpg$/.test(response.url()) ? posters.push(response.status()) : undefined));
      await page.goto(pageOf({ locale: mode === 'both' ? 'zh-TW' : 'fr-FR', mode }).url, { waitUntil: 'networkidle0' });
      // The sealed part is open (greeting, facts), only the player is missing.
      await page.waitForSelector('#personal:not([hidden])', { timeout: 10_000 });
      const state = await page.evaluate(() => {
        const video = document.querySelector('[data-live-fallback] video') as HTMLVideoElement | null;
        const box = (document.querySelector('[data-live-fallback]') as HTMLElement).getBoundingClientRect();
        return {
          slotHidden: (document.querySelector('[data-live-player]') as HTMLElement).hidden,
          fallback: [...document.querySelectorAll('[data-live-fallback]')].map((element) => `${element.tagName.toLowerCase()}.${element.className}:${(element as HTMLElement).hidden}`),
          shown: box.width > 0 && box.height > 0,
          video: video && { src: video.currentSrc.replace(/^.*\//, ''), poster: video.poster.replace(/^.*\//, ''), controls: video.controls },
          downloadHidden: [...document.querySelectorAll('[data-live-download]')].map((element) => (element as HTMLElement).hidden),
        };
      });
      expect(state).toEqual({
        slotHidden: true,
        fallback: ['div.stage:false'],
        shown: true,
        // `both`: the MP4 plays in the page; `live`: the poster, as a still picture (no MP4 exists, so no dead play button).
        video: mode === 'both' ? { src: 'video.mp4', poster: 'poster.jpg', controls: true } : { src: '', poster: 'poster.jpg', controls: false },
        // The MP4 is on the page itself: no separate download link without the player.
        downloadHidden: mode === 'both' ? [true] : [],
      });
      if (mode === 'live') {
        expect(requested.filter((url) => url.includes('video.mp4'))).toEqual([]);
        expect(posters).toEqual([200]);
      }
      await page.close();
    }
  }, 60_000);

  it("takes the recipient's record from the page's personal payload (kindly:personal, or window.kindlyPersonal set before)", async () => {
    const french = example('fr-FR');
    const { page } = await openPhone({ reducedMotion: true });
    await page.goto(pageOf({ locale: 'en-GB', mode: 'live' }).url, { waitUntil: 'networkidle0' });
    await waitForPlayer(page);
    await page.evaluate((record) => document.dispatchEvent(new CustomEvent('kindly:personal', { detail: { record } })), french as never);
    await page.waitForFunction((name) => document.querySelector('[data-live-player]')!.textContent!.includes(name), { timeout: 10_000 }, `Bonjour ${french.name}`);
    await page.close();

    // The payload opened before the player's scripts ran (here they arrive late): the mount script reads window.kindlyPersonal.
    const late = await openPhone({ reducedMotion: true });
    await late.page.setRequestInterception(true);
    late.page.on('request', (request) => {
      if (/\/assets\/player\.[0-9a-f]{12}\.js$/.test(request.url())) setTimeout(() => void request.continue(), 1500);
      else void request.continue();
    });
    await late.page.evaluateOnNewDocument(() => {
      const seen = window as unknown as { personalBeforePlayer?: boolean; kindlyPersonal?: unknown };
      let player: unknown;
      Object.defineProperty(window, 'kindlyPlayer', {
        configurable: true,
        get: () => player,
        set: (value) => {
          seen.personalBeforePlayer = Boolean(seen.kindlyPersonal);
          player = value;
        },
      });
    });
    await late.page.goto(pageOf({ locale: 'en-GB', mode: 'live' }).url, { waitUntil: 'networkidle0' });
    await waitForPlayer(late.page);
    expect(await late.page.evaluate(() => (window as unknown as { personalBeforePlayer?: boolean }).personalBeforePlayer)).toBe(true);
    const english = getVideoText(example('en-GB') as never);
    expect(await late.page.$eval('[data-live-player]', (element) => element.textContent)).toContain(english.personal.greeting);
    await late.page.close();
  }, 60_000);
});

describe('the live player shows the same personal frame as the MP4', () => {
  it('zh-TW: DOM text matches the record and the picture matches the MP4 frame (PSNR)', async () => {
    const { page } = await openPhone({ width: 1280, reducedMotion: true });
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    await page.goto(pageOf({ locale: 'zh-TW', mode: 'both' }).url, { waitUntil: 'networkidle0' });
    await waitForPlayer(page);
    // A 1280 px wide stage shows the composition at its own size, as the MP4 holds it.
    await page.evaluate(() => {
      const main = document.querySelector('main') as HTMLElement;
      main.style.maxWidth = 'none';
      main.style.padding = '0';
    });
    await seekPlayer(page, personalFrame);
    const stage = await page.$('.live-player-stage');
    const box = (await stage!.boundingBox())!;
    expect(Math.round(box.width)).toBe(1280);
    const shot = await page.screenshot({ clip: { x: box.x, y: box.y, width: 1280, height: 720 }, type: 'png' });
    // The controls sit over the bottom of the player; compare the picture above them.
    const rows = 600;
    const toRgb = (input: Buffer, raw?: { width: number; height: number; channels: 3 }) =>
      sharp(input, raw ? { raw } : undefined).removeAlpha().extract({ left: 0, top: 0, width: 1280, height: rows }).raw().toBuffer();
    const live = await toRgb(Buffer.from(shot));
    if (process.env.KINDLY_TEST_DEBUG) await fs.writeFile('/tmp/live-shot.png', shot);
    const video = pageOf({ locale: 'zh-TW', mode: 'both' });
    const frames = new Map<number, Buffer>();
    let index = 0;
    for await (const frame of readVideoFrames({ file: path.join(siteDir, 'r', video.token, 'video.mp4'), width: 1280, height: 720 })) {
      if (index === personalFrame || index === 45) frames.set(index, Buffer.from(frame));
      index += 1;
    }
    if (process.env.KINDLY_TEST_DEBUG) await sharp(frames.get(personalFrame)!, { raw: { width: 1280, height: 720, channels: 3 } }).png().toFile('/tmp/mp4-frame.png');
    const same = comparePictures({ a: live, b: await toRgb(frames.get(personalFrame)!, { width: 1280, height: 720, channels: 3 }) });
    const other = comparePictures({ a: live, b: await toRgb(frames.get(45)!, { width: 1280, height: 720, channels: 3 }) });
    console.log(`live player vs MP4, frame ${personalFrame}: PSNR ${same.psnr.toFixed(1)} dB (against the intro frame: ${other.psnr.toFixed(1)} dB)`);
    expect(same.psnr).toBeGreaterThan(27);
    expect(same.psnr - other.psnr).toBeGreaterThan(10);
    await page.close();
  }, 120_000);
});

describe('page weight', () => {
  it('HTML + CSS + JS + fonts, gzip, at 360 px: printed, and within budget', async () => {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
    const rows: string[] = [];
    const measured: { mode: PlaybackMode; locale: string; weight: Awaited<ReturnType<typeof measurePageWeight>> }[] = [];
    for (const target of [
      { locale: 'zh-TW', mode: 'rendered' as const },
      { locale: 'it-IT', mode: 'live' as const },
      { locale: 'fr-FR', mode: 'live' as const },
      { locale: 'zh-TW', mode: 'both' as const },
    ]) {
      const { page } = await openPhone({ reducedMotion: true });
      const weight = await measurePageWeight({ page, url: pageOf(target).url, settle: target.mode === 'rendered' ? async () => undefined : waitForPlayer });
      measured.push({ ...target, weight });
      rows.push(`| ${target.mode} | ${target.locale} | ${kb(weight.html)} | ${kb(weight.css)} | ${kb(weight.js)} | ${kb(weight.fonts)} | **${kb(weight.total)}** (${weight.files} files) |`);
      await page.close();
    }
    console.log(`Page weight (gzip):\n| mode | locale | HTML | CSS | JS | fonts | total |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}`);
    for (const { mode, locale, weight } of measured) {
      expect(weight.html).toBeLessThan(6 * 1024);
      // The Chinese font's @font-face rules (~70 kB) only on pages with Chinese text.
      expect(weight.css).toBeLessThan(locale === 'zh-TW' ? 90 * 1024 : 12 * 1024);
      // Every page runs the tracking script and the page's script that opens and renders the sealed part (~6 kB);
      // the player (React, Remotion, the compositions, ~220 kB) only where the page plays live.
      expect(weight.js).toBeLessThan(mode === 'rendered' ? 10 * 1024 : 260 * 1024);
      // Latin pages fetch a few Inter slices; Chinese ones the Noto Sans TC slices of their characters.
      if (locale !== 'zh-TW') expect(weight.fonts).toBeLessThan(150 * 1024);
    }
  }, 120_000);
});
