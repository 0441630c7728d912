import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { getVideoText } from '../templates/gentle-reminder/video-text.ts';
import {
  example,
  openLivePages,
  openPhone,
  personalFrame,
  waitForPlayer,
  type LivePages,
} from './helpers/live-pages.ts';
import { seekPlayer } from './helpers/seek-player.ts';

// The live page in its four languages and its accessibility, in real Chromium.
const axeSource = await fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8');

let site: LivePages;
beforeAll(async () => {
  site = await openLivePages();
}, 900_000);
afterAll(() => site?.close());

describe('the page in each of the four languages, on a 360 px phone', () => {
  for (const locale of ['it-IT', 'en-GB', 'fr-FR', 'zh-TW']) {
    it(`${locale}: the live player plays the recipient's video in their language; no horizontal scroll`, async () => {
      const mode = locale === 'zh-TW' ? 'both' : 'live';
      const { page, requested, violations } = await openPhone(site);
      await page.goto(site.pageOf({ locale, mode }).url, { waitUntil: 'networkidle0' });
      await waitForPlayer(page);
      const text = getVideoText(example(locale));
      expect(await page.$eval('html', (element) => element.lang)).toBe(locale);
      expect(await page.title()).toBe(text.copy.pageTitle.replace('{brand}', text.copy.brand));
      expect(await page.$eval('h1', (element) => element.textContent)).toBe(text.personal.greeting);
      expect(await page.$eval('a[data-cta="pay"]', (element) => element.textContent)).toBe(text.copy.payNow);
      await seekPlayer(page, personalFrame);
      const shown = await page.$eval('[data-live-player]', (element) => (element as HTMLElement).innerText);
      for (const value of [text.personal.greeting, text.personal.amount, text.personal.dueDate, text.personal.invoice])
        expect(shown).toContain(value);
      // The caption of the moment, under the picture, in the same language.
      expect(await page.$eval('[data-live-captions]', (element) => element.textContent)).toContain(
        `${text.personal.amountLabel}: ${text.personal.amount}`,
      );
      // The fallback (poster, or MP4 in `both`) gives way to the player.
      expect(
        await page.$$eval('[data-live-fallback]', (elements) =>
          elements.map((element) => (element as HTMLElement).hidden),
        ),
      ).toEqual([true]);
      expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
      const offSite = requested.filter(
        (url) => !url.startsWith('data:') && !url.startsWith('blob:') && !url.startsWith(site.origin),
      );
      expect(offSite).toEqual([]);
      expect(await violations()).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('zh-TW: Chinese glyphs come from the shipped Noto Sans TC, on the page and in the player', async () => {
    const { page, requested } = await openPhone(site);
    await page.goto(site.pageOf({ locale: 'zh-TW', mode: 'both' }).url, { waitUntil: 'networkidle0' });
    await waitForPlayer(page);
    await seekPlayer(page, personalFrame);
    const fonts = await page.evaluate(() => ({
      page: document.fonts.check('700 24px "Noto Sans TC"', document.querySelector('h1')!.textContent),
      loaded: [...document.fonts].filter(
        (face) => face.family.replace(/"/g, '') === 'Noto Sans TC' && face.status === 'loaded',
      ).length,
    }));
    expect(fonts.page).toBe(true);
    expect(fonts.loaded).toBeGreaterThan(0);
    expect(requested.some((url) => /\/assets\/noto-sans-tc-\d+-(400|700)-normal\.[0-9a-f]{12}\.woff2$/.test(url))).toBe(
      true,
    );
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
      const { page } = await openPhone(site);
      await page.goto(site.pageOf(target).url, { waitUntil: 'networkidle0' });
      if (target.mode !== 'rendered') await waitForPlayer(page);
      await page.evaluate(axeSource);
      const violations = await page.evaluate(async () => {
        const axe = (
          window as unknown as {
            axe: {
              run: (
                context: Document,
              ) => Promise<{ violations: { id: string; impact: string; nodes: { target: unknown[] }[] }[] }>;
            };
          }
        ).axe;
        const result = await axe.run(document);
        return result.violations.map((violation) => ({
          id: violation.id,
          impact: violation.impact,
          targets: violation.nodes.map((node) => node.target.join(' ')),
        }));
      });
      expect(
        violations.filter((violation) => violation.impact === 'serious' || violation.impact === 'critical'),
      ).toEqual([]);
      await page.close();
    }, 60_000);
  }

  it('reduced motion: the player does not start on its own and waits on the poster frame; otherwise it starts muted', async () => {
    for (const reducedMotion of [true, false]) {
      const { page } = await openPhone(site, { reducedMotion });
      await page.goto(site.pageOf({ locale: 'en-GB', mode: 'live' }).url, { waitUntil: 'networkidle0' });
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
    const { page } = await openPhone(site, { reducedMotion: true });
    await page.goto(site.pageOf({ locale: 'it-IT', mode: 'live' }).url, { waitUntil: 'networkidle0' });
    await waitForPlayer(page);
    let focused = { label: '', inPlayer: false, outline: '' };
    for (let presses = 0; presses < 10 && !focused.inPlayer; presses += 1) {
      await page.keyboard.press('Tab');
      focused = await page.evaluate(() => {
        const element = document.activeElement as HTMLElement;
        return {
          label: element.getAttribute('aria-label') ?? '',
          inPlayer: Boolean(element.closest('[data-live-player]')) && element.tagName === 'BUTTON',
          outline: getComputedStyle(element).outlineStyle,
        };
      });
    }
    expect(focused.inPlayer).toBe(true);
    expect(focused.label).toBe('Play video');
    expect(focused.outline).not.toBe('none');
    await page.keyboard.press('Space');
    await new Promise((resolve) => setTimeout(resolve, 500));
    const playing = await page.evaluate(async () =>
      (await window.kindlyPlayer!.get(document.querySelector('[data-live-player]')!)!).isPlaying(),
    );
    expect(playing).toBe(true);
    await page.close();
  }, 60_000);
});
