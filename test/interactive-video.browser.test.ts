import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  noHorizontalScroll,
  openPhone,
  playAt,
  waitForEvents,
  waitForPersonal,
  openInteractiveSite,
  type InteractiveSite,
} from './helpers/interactive-site.ts';

let site: InteractiveSite;
beforeAll(async () => {
  site = await openInteractiveSite();
}, 300_000);
afterAll(() => site?.close());

// The page's personal part, its video hotspots and chapters, over a placeholder 15 s video.
describe('the interactive page on a phone (real Chromium, real API)', () => {
  it('renders the personal part from the sealed data, announces it, and fits 360 px with everything open', async () => {
    const { page, problems } = await openPhone(site, site.open[0]!.token);
    await waitForPersonal(page);
    expect(await page.$eval('#greeting', (element) => element.textContent)).toBe(
      'Ciao Maria Concetta Esposito-Buonaccorsi,',
    );
    expect(await page.$eval('.facts .amount', (element) => element.textContent)).toBe('1234,50\u00a0€');
    expect(await page.evaluate(() => (window as unknown as { announced: string }).announced)).toBe('CUST-1001');
    expect(await page.$eval('.facts .invoice-link', (element) => element.getAttribute('href'))).toBe(site.invoiceUrl);
    expect(await page.$$eval('.chapter', (buttons) => buttons.map((button) => button.textContent))).toEqual([
      'Benvenuto0:00',
      'Il tuo riepilogo0:05',
      'Come pagare0:10',
    ]);
    await page.$$eval('details', (all) => all.forEach((details) => (details.open = true)));
    await page.$eval('#survey', (survey) => ((survey as HTMLElement).hidden = false));
    await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      video.muted = true;
      await video.play();
      video.currentTime = 12;
    });
    await page.waitForSelector('[data-hotspot="outro-invoice"]:not([hidden])');
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a hotspot tapped during playback opens the plan selector; chapters and a scene hotspot jump in the video', async () => {
    const { page, problems } = await openPhone(site, site.open[0]!.token);
    await waitForPersonal(page);
    await playAt(page, 8.5, 'summary-plan');
    expect(await page.$eval('[data-hotspot="outro-pay"]', (element) => (element as HTMLElement).hidden)).toBe(true);
    await page.tap('[data-hotspot="summary-plan"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('plans');
    expect(await page.$eval('video', (video) => video.paused)).toBe(true);

    await page.click('.chapter[data-chapter="outro"]');
    await page.waitForSelector('[data-hotspot="outro-replay"]:not([hidden])', { timeout: 10_000 });
    expect(await page.$eval('.chapter[data-chapter="outro"]', (element) => element.getAttribute('aria-current'))).toBe(
      'true',
    );
    await page.click('[data-hotspot="outro-replay"]');
    const time = await page.$eval('video', (video) => video.currentTime);
    expect(time).toBeGreaterThanOrEqual(5);
    expect(time).toBeLessThan(7);
    expect(await waitForEvents(site, 'open', 'CUST-1001', 'click_hotspot')).toEqual(
      expect.arrayContaining(['view', 'play', 'click_hotspot']),
    );
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a hotspot used from the keyboard during playback opens the call-back form; Pay now in the video lands on the pay URL', async () => {
    const { page } = await openPhone(site, site.open[1]!.token);
    await waitForPersonal(page);
    await playAt(page, 12, 'outro-callback');
    await page.focus('[data-hotspot="outro-callback"]');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('callback-phone');
    expect(await page.$eval('#form-callback', (details) => (details as HTMLDetailsElement).open)).toBe(true);

    await playAt(page, 11, 'outro-pay');
    await page.focus('[data-hotspot="outro-pay"]');
    await Promise.all([page.waitForNavigation(), page.keyboard.press('Enter')]);
    const landed = new URL(page.url());
    expect(landed.pathname).toBe('/demo/pay');
    expect(landed.searchParams.get('intent')).toBe('pay');
    expect(landed.searchParams.get('ref')).toBe(site.open[1]!.payRef);
    expect(await waitForEvents(site, 'open', 'CUST-1002', 'click_pay')).toEqual(
      expect.arrayContaining(['click_hotspot', 'click_pay']),
    );
    await page.close();
  }, 60_000);
});
