import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  noHorizontalScroll,
  openPhone,
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

describe('the privacy gate', () => {
  const personal = ['Oliver', 'Bennett', '89.90', '£', 'INV-2027', 'February', 'Amount', 'Pay now'];

  it('shows nothing personal until the right answer, then everything', async () => {
    const { page, problems } = await openPhone(site, site.gated[1]!.token);
    await page.waitForSelector('#gate:not([hidden])');
    const before = await page.evaluate(() => document.body.innerText);
    for (const text of personal) expect(before).not.toContain(text);
    expect(await page.$eval('video', (video) => video.currentSrc)).toBe('');
    expect(await noHorizontalScroll(page)).toBe(true);

    await page.type('#gate-answer', '99999');
    await page.click('#gate button');
    await page.waitForFunction(() => document.getElementById('gate-error')?.textContent !== '');
    expect(await page.$eval('#gate-error', (element) => element.textContent)).toBe(
      'That does not match what we have. Please check and try again.',
    );
    const afterWrong = await page.evaluate(() => document.body.innerText);
    for (const text of personal) expect(afterWrong).not.toContain(text);
    expect(
      await page.evaluate(() => (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal),
    ).toBeUndefined();

    await page.$eval('#gate-answer', (input) => ((input as HTMLInputElement).value = ''));
    await page.type('#gate-answer', ' 201 21');
    await page.keyboard.press('Enter');
    await waitForPersonal(page);
    expect(await page.$eval('#greeting', (element) => element.textContent)).toBe('Hello Oliver Bennett,');
    expect(await page.$eval('.facts .amount', (element) => element.textContent)).toBe('£89.90');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('greeting');
    expect(await page.$eval('#gate', (form) => (form as HTMLElement).hidden)).toBe(true);
    // Its media sit in a folder only the opened page names.
    expect(await page.$eval('video', (video) => new URL(video.src).pathname)).toMatch(
      new RegExp(`^/r/${site.gated[1]!.token}/[0-9a-f]{32}/video\\.mp4$`),
    );
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await waitForEvents(site, 'gated', 'CUST-1002', 'gate_passed')).toContain('gate_passed');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a link-preview bot (no script) sees no name, amount or debt wording, with or without the gate', async () => {
    for (const token of [site.open[1]!.token, site.gated[1]!.token]) {
      const response = await fetch(`${site.base}/r/${token}/`, { headers: { 'user-agent': 'WhatsApp/2.24.1 A' } });
      const html = (await response.text()).replace(/"sealed":\{[^}]*\}/, '"sealed":{}');
      for (const text of personal) expect(html).not.toContain(text);
      const page = await site.browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.setUserAgent('Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)');
      await page.goto(`${site.base}/r/${token}/`);
      const text = await page.evaluate(() => document.body.innerText);
      for (const word of personal) expect(text).not.toContain(word);
      expect(text).toContain('This page needs JavaScript to show your personal message.');
      await page.close();
    }
  }, 60_000);
});
