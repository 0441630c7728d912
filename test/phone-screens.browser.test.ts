import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeFitBundle } from '../server/check/make-fit-bundle.ts';
import type { FitApi } from '../server/check/fit-page.tsx';
import { serveFolders } from '../server/serve-folders.ts';
import { referenceCreditor } from '../templates/brand/creditor.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { productLocales, type ProductLocale } from '../templates/pages/page-copy.ts';
import { trustCopy } from '../templates/pages/trust-copy.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { launchBrowser } from './helpers/launch-browser.ts';
import { makePlaceholderMedia } from './helpers/placeholder-media.ts';
import { listLocaleRecords, publishTemplatePages } from './helpers/publish-template-pages.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const root = path.resolve(import.meta.dirname, '..');
const screensDir = path.join(root, 'docs/screens');
// The README's phone screenshots are written only when asked: KINDLY_UPDATE_SCREENS=1 npx vitest run test/phone-screens.browser.test.ts
const updateScreens = process.env.KINDLY_UPDATE_SCREENS === '1';
const template = gentleReminder as unknown as TemplateDefinition;
const records = listLocaleRecords(template);
/** Two seconds into the last scene: Pay now, a plan, a call back and a replay show under the video. */
const moment = 12;

/**
 * The composition's frame at `moment` for each locale's example, drawn in Chromium with the
 * shipped fonts and border-box sizing as Remotion's render page has it (a render would take minutes).
 */
async function drawFrames(browser: Browser): Promise<Map<ProductLocale, Buffer>> {
  const temp = await makeTempDir('phone-screens-fit');
  const server = await (async () => {
    await makeFitBundle({ outDir: temp.dir });
    await fs.writeFile(
      path.join(temp.dir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/fit.css"><style>body{margin:0}*{box-sizing:border-box}</style><script type="module" src="/fit.js"></script>',
    );
    return serveFolders({ folders: [temp.dir, path.join(root, 'assets')] });
  })();
  const page = await browser.newPage();
  try {
    await page.setViewport({ width: template.width, height: template.height, deviceScaleFactor: 1 });
    await page.goto(server.url, { waitUntil: 'load' });
    await page.waitForFunction(() => 'kindlyFit' in window);
    const frames = new Map<ProductLocale, Buffer>();
    for (const { locale, record } of records) {
      const fit = {
        templateId: template.id,
        props: record as Record<string, unknown>,
        frame: moment * template.fps,
        width: template.width,
        height: template.height,
        fps: template.fps,
        durationInFrames: template.durationInFrames,
      };
      await page.evaluate((input) => (window as unknown as { kindlyFit: FitApi }).kindlyFit.draw(input), fit);
      frames.set(
        locale,
        Buffer.from(
          await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: template.width, height: template.height } }),
        ),
      );
    }
    return frames;
  } finally {
    await page.close();
    await server.close();
    await temp.remove();
  }
}

describe('the page on a 390 px phone, in each language (the README screenshots)', () => {
  let site: Awaited<ReturnType<typeof publishTemplatePages>>;
  let removeMedia: () => Promise<void>;

  beforeAll(async () => {
    const temp = await makeTempDir('phone-screens-media');
    removeMedia = temp.remove;
    const drawing = await launchBrowser();
    const frames = await drawFrames(drawing).finally(() => drawing.close());
    const media = new Map<string, Awaited<ReturnType<typeof makePlaceholderMedia>>>();
    for (const [locale, frame] of frames)
      media.set(locale, await makePlaceholderMedia({ dir: path.join(temp.dir, locale), seconds: 15, frame }));
    site = await publishTemplatePages({
      cases: records.map((each) => ({ template, ...each })),
      media: (_id, locale) => media.get(locale)!,
    });
  }, 240_000);

  afterAll(async () => {
    await site?.close();
    await removeMedia?.();
  });

  for (const locale of productLocales) {
    it(`${locale}: the greeting, the video with its buttons under it, and who sends the page`, async () => {
      const published = site.pages.find((each) => each.locale === locale)!;
      const page = await site.browser.newPage();
      try {
        await page.setViewport({ width: 390, height: 844, deviceScaleFactor: 1, isMobile: true, hasTouch: true });
        await page.goto(`${site.base}/r/${published.token}/`, { waitUntil: 'domcontentloaded' });
        await page.waitForFunction(() => !document.getElementById('personal')!.hidden);
        await page.evaluate(async (at) => {
          const video = document.querySelector('video')!;
          // Played a moment and paused, as a viewer would leave it: the controls then show the time, not a loading spinner.
          video.muted = true;
          await video.play();
          video.pause();
          const seeked = new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
          video.currentTime = at;
          await seeked;
          for (let wait = 0; wait < 50 && video.readyState < 3; wait += 1)
            await new Promise((resolve) => setTimeout(resolve, 100));
          await new Promise((resolve) => setTimeout(resolve, 500));
          await document.fonts.ready;
          await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
        }, moment);
        const shown = await page.evaluate(() => ({
          greeting: document.getElementById('greeting')!.textContent,
          buttons: [...document.querySelectorAll('.hotspot:not([hidden])')].map((button) => button.textContent),
          trust: document.querySelector('.trust')!.textContent,
          phone: document.querySelector('.trust a[href^="tel:"]')?.getAttribute('href'),
          privacy: document.querySelector('.trust a[href^="https:"]')?.getAttribute('href'),
        }));
        const record = records.find((each) => each.locale === locale)!.record as unknown as { name: string };
        expect(shown.greeting).toContain(record.name);
        expect(shown.buttons.length).toBeGreaterThanOrEqual(3);
        for (const text of [
          referenceCreditor.legalName,
          referenceCreditor.address,
          referenceCreditor.phone,
          referenceCreditor.email,
          trustCopy[locale].heading,
          trustCopy[locale].verify,
        ])
          expect(shown.trust).toContain(text);
        expect(shown.phone).toBe('tel:+390200000000');
        expect(shown.privacy).toBe(referenceCreditor.privacyUrl);
        const shot = Buffer.from(await page.screenshot({ type: 'png' }));
        const { width, height } = await sharp(shot).metadata();
        expect({ width, height }).toEqual({ width: 390, height: 844 });
        if (updateScreens) {
          await fs.mkdir(screensDir, { recursive: true });
          const file = path.join(screensDir, `page-${locale}-390.png`);
          await sharp(shot).png({ palette: true, colours: 96, compressionLevel: 9, effort: 10 }).toFile(file);
          expect((await fs.stat(file)).size, `${file} stays small for the README`).toBeLessThan(80_000);
        }
      } finally {
        await page.close();
      }
    }, 60_000);
  }
});
