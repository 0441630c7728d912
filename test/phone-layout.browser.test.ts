import path from 'node:path';
import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readBrandFile } from '../server/read-brand-file.ts';
import { getContrastRatio } from '../templates/brand/contrast.ts';
import type { PersonalPayload } from '../templates/interactive/personal-payload.ts';
import { templates } from '../templates/registry.ts';
import { makePlaceholderMedia } from './helpers/placeholder-media.ts';
import { listLocaleRecords, publishTemplatePages, type PublishedPage } from './helpers/publish-template-pages.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

type Box = { left: number; top: number; right: number; bottom: number };
type Measured = {
  video: Box;
  greeting: Box;
  /** Where what follows the strip (chapters, facts, plans) begins. */
  below: number;
  buttons: { id: string; box: Box; hit: boolean; color: string; background: string }[];
};

const widths = [320, 390, 768];
const overlaps = (a: Box, b: Box) =>
  a.left < b.right - 0.5 && b.left < a.right - 0.5 && a.top < b.bottom - 0.5 && b.top < a.bottom - 0.5;
const toHex = (rgb: string) => {
  const [r, g, b, alpha] = (rgb.match(/[\d.]+/g) ?? []).map(Number);
  // A see-through background shows the frame behind it: that is exactly what must not happen.
  if (alpha !== undefined && alpha < 1) return undefined;
  return `#${[r, g, b]
    .map((channel) =>
      Math.round(channel ?? 0)
        .toString(16)
        .padStart(2, '0'),
    )
    .join('')}`;
};

/** Seeks the page's video to `seconds` (paused) and measures the video, the greeting and every shown hotspot. */
async function measureAt(page: Page, seconds: number): Promise<Measured> {
  return page.evaluate(async (at) => {
    const video = document.querySelector('video')!;
    if (video.readyState < 1)
      await new Promise((resolve) => video.addEventListener('loadedmetadata', resolve, { once: true }));
    video.pause();
    const seeked = new Promise((resolve) => video.addEventListener('seeked', resolve, { once: true }));
    video.currentTime = at;
    await seeked;
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const box = (element: Element) => {
      const { left, top, right, bottom } = element.getBoundingClientRect();
      return { left: left + scrollX, top: top + scrollY, right: right + scrollX, bottom: bottom + scrollY };
    };
    const buttons = [...document.querySelectorAll<HTMLElement>('.hotspot:not([hidden])')].map((button) => {
      button.scrollIntoView({ block: 'center' });
      const rect = button.getBoundingClientRect();
      const hit = document.elementFromPoint(rect.left + rect.width / 2, rect.top + rect.height / 2);
      const style = getComputedStyle(button);
      return {
        id: button.dataset.hotspot ?? '',
        box: box(button),
        hit: hit !== null && button.contains(hit),
        color: style.color,
        background: style.backgroundColor,
      };
    });
    return {
      video: box(video),
      greeting: box(document.getElementById('greeting')!),
      below: box(document.getElementById('personal-sections')!).top,
      buttons,
    };
  }, seconds);
}

/** The moments to look at: the start, the middle and (for those that stay) the end of each hotspot's range. */
function listMoments(payload: PersonalPayload, duration: number): number[] {
  const moments = payload.page.hotspots.flatMap((hotspot) => [
    hotspot.from + 0.05,
    (hotspot.from + hotspot.to) / 2,
    hotspot.untilEnd ? duration : hotspot.to - 0.05,
  ]);
  return [...new Set(moments.map((moment) => Math.round(moment * 100) / 100))].sort((a, b) => a - b);
}

describe('the calls to action under the video, on a phone and a tablet, in every template and language', () => {
  let site: Awaited<ReturnType<typeof publishTemplatePages>>;
  let removeMedia: () => Promise<void>;

  beforeAll(async () => {
    const temp = await makeTempDir('phone-layout-media');
    removeMedia = temp.remove;
    const media = await makePlaceholderMedia({ dir: temp.dir, seconds: 15 });
    const brand = await readBrandFile(path.join(import.meta.dirname, 'fixtures/brand/brand.json'));
    const cases = templates.flatMap((template) => listLocaleRecords(template).map((each) => ({ template, ...each })));
    // The same pages with a brand kit: the buttons then take the brand's colours.
    const branded = listLocaleRecords(templates[0]!).map((each) => ({ template: templates[0]!, ...each, brand }));
    site = await publishTemplatePages({ cases: [...cases, ...branded], media: () => media });
  }, 180_000);

  afterAll(async () => {
    await site?.close();
    await removeMedia?.();
  });

  const check = async (width: number, published: PublishedPage) => {
    const page = await site.browser.newPage();
    try {
      await page.setViewport({ width, height: 800, isMobile: width < 768, hasTouch: width < 768 });
      await page.goto(`${site.base}/r/${published.token}/`, { waitUntil: 'domcontentloaded' });
      await page.waitForFunction(
        () => (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal !== undefined,
      );
      const payload = (await page.evaluate(
        () => (window as unknown as { kindlyPersonal: unknown }).kindlyPersonal,
      )) as PersonalPayload;
      const duration = await page.evaluate(async () => {
        const video = document.querySelector('video')!;
        if (video.readyState < 1)
          await new Promise((resolve) => video.addEventListener('loadedmetadata', resolve, { once: true }));
        return video.duration;
      });
      const where = `${published.templateId} ${published.locale}${published.branded ? ' (brand kit)' : ''} at ${width} px`;
      expect(payload.page.hotspots.length, where).toBeGreaterThan(0);
      let seen = 0;
      // The first button to appear takes a row kept for it: nothing under the strip moves then.
      const first = Math.min(...payload.page.hotspots.map((hotspot) => hotspot.from));
      const before = await measureAt(page, 0);
      const appeared = await measureAt(page, first + 0.05);
      expect(before.buttons, where).toEqual([]);
      expect(appeared.below, `${where}: what follows the strip stays put when the first button appears`).toBe(
        before.below,
      );
      for (const moment of listMoments(payload, duration)) {
        const measured = await measureAt(page, moment);
        const when = `${where}, ${moment} s`;
        const expected = payload.page.hotspots
          .filter((hotspot) => moment >= hotspot.from && (moment <= hotspot.to || hotspot.untilEnd))
          .map((hotspot) => hotspot.id);
        expect(
          measured.buttons.map((button) => button.id),
          when,
        ).toEqual(expected);
        seen += measured.buttons.length;
        for (const [index, button] of measured.buttons.entries()) {
          const what = `${when}, button ${button.id}`;
          // Under the player, as wide as it at most: never on the picture, its text or its controls.
          expect(button.box.top, what).toBeGreaterThanOrEqual(measured.video.bottom - 0.5);
          expect(button.box.left, what).toBeGreaterThanOrEqual(measured.video.left - 0.5);
          expect(button.box.right, what).toBeLessThanOrEqual(measured.video.right + 0.5);
          expect(overlaps(button.box, measured.video), what).toBe(false);
          expect(overlaps(button.box, measured.greeting), what).toBe(false);
          expect(button.box.bottom - button.box.top, `${what}: touch target height`).toBeGreaterThanOrEqual(44);
          for (const other of measured.buttons.slice(index + 1))
            expect(overlaps(button.box, other.box), `${what} overlaps ${other.id}`).toBe(false);
          expect(button.hit, `${what}: a tap at its centre reaches it`).toBe(true);
          const foreground = toHex(button.color);
          const background = toHex(button.background);
          expect(background, `${what}: solid background (${button.background})`).toBeDefined();
          expect(
            getContrastRatio({ foreground: foreground!, background: background! }),
            `${what}: ${button.color} on ${button.background}`,
          ).toBeGreaterThanOrEqual(4.5);
        }
      }
      expect(seen, where).toBeGreaterThan(0);
    } finally {
      await page.close();
    }
  };

  for (const width of widths) {
    it(`at ${width} px: every shown button under the video, apart, reachable and readable`, async () => {
      for (const published of site.pages) await check(width, published);
    }, 300_000);
  }
});
