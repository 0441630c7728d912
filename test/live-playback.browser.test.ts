import fs from 'node:fs/promises';
import path from 'node:path';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getVideoText } from '../templates/gentle-reminder/video-text.ts';
import type { PlaybackMode } from '../templates/template-definition.ts';
import { comparePictures, readVideoFrames } from './helpers/decode-media.ts';
import {
  example,
  openLivePages,
  openPhone,
  personalFrame,
  waitForPlayer,
  type LivePages,
} from './helpers/live-pages.ts';
import { seekPlayer } from './helpers/seek-player.ts';
import { measurePageWeight } from './helpers/measure-page-weight.ts';

// Playback modes (what each publishes, the fallback, where the player's record comes from), the
// player against the MP4, and the page weight, in real Chromium.
let site: LivePages;
beforeAll(async () => {
  site = await openLivePages();
}, 900_000);
afterAll(() => site?.close());

describe('playback modes', () => {
  it('live draws nothing per recipient (page and captions only); both and rendered publish the MP4', async () => {
    for (const each of site.pages) {
      const files = (await fs.readdir(path.join(site.siteDir, 'r', each.token))).sort();
      const html = await fs.readFile(path.join(site.siteDir, 'r', each.token, 'index.html'), 'utf8');
      if (each.mode === 'live') {
        // Its poster is the look's shared neutral one, in assets/ (see the fallback test).
        expect(files).toEqual(['captions.vtt', 'index.html']);
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
      const { page, requested } = await openPhone(site);
      await page.setRequestInterception(true);
      page.on('request', (request) =>
        /\/assets\/player\.[0-9a-f]{12}\.js$/.test(request.url()) ? request.abort() : request.continue(),
      );
      const posters: { url: string; status: number }[] = [];
      page.on('response', (response) =>
        /\/poster\.([0-9a-f]{12}\.)?jpg$/.test(response.url())
          ? posters.push({ url: response.url(), status: response.status() })
          : undefined,
      );
      await page.goto(site.pageOf({ locale: mode === 'both' ? 'zh-TW' : 'fr-FR', mode }).url, {
        waitUntil: 'networkidle0',
      });
      // The sealed part is open (greeting, facts), only the player is missing.
      await page.waitForSelector('#personal:not([hidden])', { timeout: 10_000 });
      const state = await page.evaluate(() => {
        const video = document.querySelector('[data-live-fallback] video') as HTMLVideoElement | null;
        const box = (document.querySelector('[data-live-fallback]') as HTMLElement).getBoundingClientRect();
        return {
          slotHidden: (document.querySelector('[data-live-player]') as HTMLElement).hidden,
          fallback: [...document.querySelectorAll('[data-live-fallback]')].map(
            (element) => `${element.tagName.toLowerCase()}.${element.className}:${(element as HTMLElement).hidden}`,
          ),
          shown: box.width > 0 && box.height > 0,
          video: video && {
            src: video.currentSrc.replace(/^.*\//, ''),
            poster: video.poster.replace(/^.*\//, ''),
            controls: video.controls,
          },
          downloadHidden: [...document.querySelectorAll('[data-live-download]')].map(
            (element) => (element as HTMLElement).hidden,
          ),
        };
      });
      expect(state).toEqual({
        slotHidden: true,
        fallback: ['div.stage:false'],
        shown: true,
        // `both`: the MP4 plays in the page; `live`: the poster, as a still picture (no MP4 exists, so no dead play button).
        video:
          mode === 'both'
            ? { src: 'video.mp4', poster: 'poster.jpg', controls: true }
            : { src: '', poster: expect.stringMatching(/^poster\.[0-9a-f]{12}\.jpg$/), controls: false },
        // The MP4 is on the page itself: no separate download link without the player.
        downloadHidden: mode === 'both' ? [true] : [],
      });
      if (mode === 'live') {
        expect(requested.filter((url) => url.includes('video.mp4'))).toEqual([]);
        // The shared neutral poster: the still of the intro, which shows nobody's name or amount.
        expect(posters).toEqual([{ url: expect.stringMatching(/\/assets\/poster\.[0-9a-f]{12}\.jpg$/), status: 200 }]);
      }
      await page.close();
    }
  }, 60_000);

  it("takes the recipient's record from the page's personal payload (kindly:personal, or window.kindlyPersonal set before)", async () => {
    const french = example('fr-FR');
    const { page } = await openPhone(site, { reducedMotion: true });
    await page.goto(site.pageOf({ locale: 'en-GB', mode: 'live' }).url, { waitUntil: 'networkidle0' });
    await waitForPlayer(page);
    await page.evaluate(
      (record) => document.dispatchEvent(new CustomEvent('kindly:personal', { detail: { record } })),
      french as never,
    );
    await page.waitForFunction(
      (name) => document.querySelector('[data-live-player]')!.textContent.includes(name),
      { timeout: 10_000 },
      `Bonjour ${french.name}`,
    );
    await page.close();

    // The payload opened before the player's scripts ran (here they arrive late): the mount script reads window.kindlyPersonal.
    const late = await openPhone(site, { reducedMotion: true });
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
    await late.page.goto(site.pageOf({ locale: 'en-GB', mode: 'live' }).url, { waitUntil: 'networkidle0' });
    await waitForPlayer(late.page);
    expect(
      await late.page.evaluate(() => (window as unknown as { personalBeforePlayer?: boolean }).personalBeforePlayer),
    ).toBe(true);
    const english = getVideoText(example('en-GB'));
    expect(await late.page.$eval('[data-live-player]', (element) => element.textContent)).toContain(
      english.personal.greeting,
    );
    await late.page.close();
  }, 60_000);
});

describe('the live player shows the same personal frame as the MP4', () => {
  it('zh-TW: DOM text matches the record and the picture matches the MP4 frame (PSNR)', async () => {
    const { page } = await openPhone(site, { width: 1280, reducedMotion: true });
    await page.setViewport({ width: 1280, height: 900, deviceScaleFactor: 1 });
    await page.goto(site.pageOf({ locale: 'zh-TW', mode: 'both' }).url, { waitUntil: 'networkidle0' });
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
      sharp(input, raw ? { raw } : undefined)
        .removeAlpha()
        .extract({ left: 0, top: 0, width: 1280, height: rows })
        .raw()
        .toBuffer();
    const live = await toRgb(Buffer.from(shot));
    if (process.env.KINDLY_TEST_DEBUG) await fs.writeFile('/tmp/live-shot.png', shot);
    const video = site.pageOf({ locale: 'zh-TW', mode: 'both' });
    const frames = new Map<number, Buffer>();
    let index = 0;
    for await (const frame of readVideoFrames({
      file: path.join(site.siteDir, 'r', video.token, 'video.mp4'),
      width: 1280,
      height: 720,
    })) {
      if (index === personalFrame || index === 45) frames.set(index, Buffer.from(frame));
      index += 1;
    }
    if (process.env.KINDLY_TEST_DEBUG)
      await sharp(frames.get(personalFrame), { raw: { width: 1280, height: 720, channels: 3 } })
        .png()
        .toFile('/tmp/mp4-frame.png');
    const same = comparePictures({
      a: live,
      b: await toRgb(frames.get(personalFrame)!, { width: 1280, height: 720, channels: 3 }),
    });
    const other = comparePictures({
      a: live,
      b: await toRgb(frames.get(45)!, { width: 1280, height: 720, channels: 3 }),
    });
    console.log(
      `live player vs MP4, frame ${personalFrame}: PSNR ${same.psnr.toFixed(1)} dB (against the intro frame: ${other.psnr.toFixed(1)} dB)`,
    );
    expect(same.psnr).toBeGreaterThan(27);
    expect(same.psnr - other.psnr).toBeGreaterThan(10);
    await page.close();
  }, 120_000);
});

describe('page weight', () => {
  it('HTML + CSS + JS + fonts, gzip, at 360 px: printed, and within budget', async () => {
    const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} kB`;
    const rows: string[] = [];
    const measured: { mode: PlaybackMode; locale: string; weight: Awaited<ReturnType<typeof measurePageWeight>> }[] =
      [];
    for (const target of [
      { locale: 'zh-TW', mode: 'rendered' as const },
      { locale: 'it-IT', mode: 'live' as const },
      { locale: 'fr-FR', mode: 'live' as const },
      { locale: 'zh-TW', mode: 'both' as const },
    ]) {
      const { page } = await openPhone(site, { reducedMotion: true });
      const weight = await measurePageWeight({
        page,
        url: site.pageOf(target).url,
        settle: target.mode === 'rendered' ? async () => undefined : waitForPlayer,
      });
      measured.push({ ...target, weight });
      rows.push(
        `| ${target.mode} | ${target.locale} | ${kb(weight.html)} | ${kb(weight.css)} | ${kb(weight.js)} | ${kb(weight.fonts)} | **${kb(weight.total)}** (${weight.files} files) |`,
      );
      await page.close();
    }
    console.log(
      `Page weight (gzip):\n| mode | locale | HTML | CSS | JS | fonts | total |\n|---|---|---|---|---|---|---|\n${rows.join('\n')}`,
    );
    for (const { mode, locale, weight } of measured) {
      // Mostly the sealed personal part (ciphertext does not compress: it carries the page's copy in its language, form messages included), plus the footer naming the creditor.
      expect(weight.html).toBeLessThan(8 * 1024);
      // The Chinese font's @font-face rules (~70 kB) only on pages with Chinese text.
      expect(weight.css).toBeLessThan(locale === 'zh-TW' ? 90 * 1024 : 12 * 1024);
      // Every page runs the tracking script and the page's script that opens and renders the sealed part and
      // checks the forms with the server's zod/mini rules (~16 kB); the player (React, Remotion, the
      // compositions, ~220 kB) only where the page plays live.
      expect(weight.js).toBeLessThan(mode === 'rendered' ? 20 * 1024 : 270 * 1024);
      // Latin pages fetch a few Inter slices; Chinese ones the Noto Sans TC slices of their characters.
      if (locale !== 'zh-TW') expect(weight.fonts).toBeLessThan(150 * 1024);
    }
  }, 120_000);
});
