import type { FastifyInstance } from 'fastify';
import type { Browser } from 'puppeteer-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { setRecipientState } from '../server/store/recipients.ts';
import { assignVariants, setCampaignAnalytics } from '../server/store/variants.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const apiKey = 'dashboard-key-0123456789';
const phone =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const opened: Closers = [];
let db: Db;
let app: FastifyInstance;
let browser: Browser;
let base: string;

beforeAll(async () => {
  const temp = await makeTempDir('dashboard');
  opened.push(temp.remove);
  db = await openEmbeddedStore({ dataDir: temp.dir });
  opened.push(() => db.close());
  const recipients = await seedCampaign({
    db,
    id: 'dash',
    payUrl: 'https://pay.example.com/c',
    baseUrl: 'https://v.example.com',
  });
  // warm asks its survey on 1–5 (gentle-reminder), brief on 0–10 (friendly-final-notice); the hash puts CUST-1002, -1003, -1006 in warm.
  await setCampaignAnalytics({
    db,
    id: 'dash',
    retentionDays: 90,
    variants: [
      { id: 'warm', template: 'gentle-reminder', weight: 1 },
      { id: 'brief', template: 'friendly-final-notice', weight: 1 },
    ],
  });
  await assignVariants({ db, campaignId: 'dash', recordIds: recipients.map((recipient) => recipient.recordId) });
  app = await buildApp({ db, apiKey });
  const beacon = (token: string, type: string, detail: object = {}) =>
    app.inject({
      method: 'POST',
      url: '/t/e',
      headers: { 'content-type': 'text/plain', 'user-agent': phone },
      payload: JSON.stringify({ token, type, ...detail }),
    });
  for (const recipient of recipients.slice(0, 4)) await beacon(recipient.token, 'view');
  for (const recipient of recipients.slice(0, 3)) await beacon(recipient.token, 'play');
  await beacon(recipients[0]!.token, 'watched', {
    seconds: Buffer.from([0xff, 0x7f]).toString('base64'),
    duration: 15,
  });
  await beacon(recipients[1]!.token, 'watched', { seconds: Buffer.from([0x1f]).toString('base64'), duration: 15 });
  // Survey answers as the page's survey form sends them: JSON as text/plain to its route. CUST-1007 changes their mind.
  for (const [index, score] of [
    [1, 4],
    [2, 5],
    [0, 10],
    [3, 9],
    [6, 8],
    [6, 3],
  ] as const) {
    const sent = await app.inject({
      method: 'POST',
      url: `/t/s/${recipients[index]!.token}`,
      headers: { 'content-type': 'text/plain;charset=UTF-8', 'user-agent': phone },
      payload: JSON.stringify({ score, shownAfter: 'end' }),
    });
    if (sent.statusCode !== 201) throw new Error(`survey answer refused: ${sent.body}`);
  }
  await beacon(recipients[0]!.token, 'view', { ignored: true }).then(() =>
    app.inject({ method: 'GET', url: `/t/c/${recipients[0]!.token}/pay`, headers: { 'user-agent': 'WhatsApp/2.23' } }),
  );
  await app.inject({ method: 'GET', url: `/t/c/${recipients[0]!.token}/pay`, headers: { 'user-agent': phone } });
  await app.inject({
    method: 'POST',
    url: '/api/campaigns/dash/payments',
    headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'text/csv' },
    payload: `id,amount,date\n${recipients[0]!.recordId},1234.5,2027-03-01`,
  });
  await setRecipientState({
    db,
    token: recipients[4]!.token,
    state: { status: 'failed', error: 'The renderer <b>crashed</b>', retryable: true },
  });
  ({ base, browser } = await listenAndLaunch({ app, closers: opened }));
}, 120_000);

afterAll(() => closeAll(opened));

describe('the dashboard in real Chromium', () => {
  it('asks for the key, then shows the numbers the API returns, with charts drawn as SVG', async () => {
    const analytics = (
      await app.inject({
        method: 'GET',
        url: '/api/campaigns/dash/analytics',
        headers: { authorization: `Bearer ${apiKey}` },
      })
    ).json();
    expect(analytics.funnel).toMatchObject({ issued: 6, viewed: 4, played: 3, clicked: 1, paid: 1 });

    const page = await browser.newPage();
    await page.setViewport({ width: 1200, height: 1400 });
    const problems: string[] = [];
    page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
    page.on('pageerror', (error) => problems.push(String(error)));
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    const response = await page.goto(`${base}/admin/`, { waitUntil: 'networkidle0' });
    expect(response?.headers()['content-security-policy']).toContain("default-src 'none'");
    expect(await page.$eval('#login', (form) => (form as HTMLFormElement).hidden)).toBe(false);

    await page.type('#key', apiKey);
    await page.click('#login button');
    await page.waitForSelector('rect[data-step="paid"]');
    await page.waitForFunction(() => document.querySelectorAll('#failures tbody tr').length === 1);

    const shown = await page.$$eval('#funnel-chart rect', (rects) =>
      Object.fromEntries(
        rects.map((rect) => [rect.getAttribute('data-step'), Number(rect.getAttribute('data-value'))]),
      ),
    );
    for (const step of [
      'issued',
      'opened',
      'viewed',
      'played',
      'reached50',
      'completed',
      'clicked',
      'planChosen',
      'paid',
    ])
      expect(shown[step]).toBe(analytics.funnel[step]);
    const labels = await page.$$eval('#funnel-chart text[data-label]', (texts) =>
      texts.map((text) => text.textContent),
    );
    expect(labels).toEqual(['6', '0', '4', '3', '0', '0', '1', '0', '1']);
    const widths = await page.$$eval('#funnel-chart rect', (rects) =>
      rects.map((rect) => Number(rect.getAttribute('width'))),
    );
    expect(widths[3]! / widths[0]!).toBeCloseTo(3 / 6, 1);

    expect(await page.$eval('#retention-chart polyline', (line) => line.getAttribute('data-viewers'))).toBe(
      String(analytics.retention.viewers),
    );
    expect(
      await page.$eval('#retention-chart polyline', (line) => line.getAttribute('points')!.split(' ').length),
    ).toBe(15);
    const variants = await page.$$eval('#variants tbody tr', (rows) =>
      rows.map((row) => [...row.children].map((cell) => cell.textContent)),
    );
    expect(variants.map((row) => row[0])).toEqual(['warm', 'brief']);
    for (const [index, variant] of analytics.variants.entries())
      expect(variants[index]!.slice(2, 5)).toEqual([
        String(variant.funnel.issued),
        String(variant.funnel.viewed),
        String(variant.funnel.clicked),
      ]);
    expect(await page.$$eval('#verdicts li', (items) => items.map((item) => item.textContent))).toEqual(
      analytics.comparisons.map((comparison: { verdict: string }) => comparison.verdict),
    );
    expect(await page.$eval('#conversions', (list) => list.textContent)).toContain('1 of 6 (16.7 %)');
    // The variants asked on different scales: the campaign line says so, each variant's shows its own, 0–10 with the NPS.
    expect(await page.$eval('#survey', (text) => text.textContent)).toBe(
      '5 answers on different scales; see each variant.',
    );
    expect(variants.map((row) => row[7])).toEqual([
      '2 answers, average score 4.5 (4: 1, 5: 1)',
      '3 answers, average score 7.33 (3: 1, 9: 1, 10: 1); Net Promoter Score +33 (2 promoters, 0 passives, 1 detractor)',
    ]);
    // Money per currency, never added across currencies: CUST-1001 paid 1234.50 EUR (CUST-1005, CHF, failed and is not issued).
    const recovered = await page.$$eval('#conversions dt, #conversions dd', (items) =>
      items.map((item) => item.textContent),
    );
    expect(recovered).toEqual([
      'Paid',
      '1 of 6 (16.7 %)',
      'Recovered (EUR)',
      '€1,234.50 of €1,002,964.50 (0.1 %)',
      'Recovered (GBP)',
      '£0.00 of £89.90 (0.0 %)',
      'Recovered (TWD)',
      'NT$0 of NT$12,500 (0.0 %)',
      'Viewers with watch data',
      '2',
    ]);
    expect(variants.map((row) => row[6])).toEqual([
      '€0.00 of €1,001,480.00 · £0.00 of £89.90',
      '€1,234.50 of €1,484.50 · NT$0 of NT$12,500',
    ]);
    expect(await page.$eval('#flagged', (text) => text.textContent)).toBe('scanner click_pay: 1');
    expect(await page.$eval('#failures tbody td:last-child', (cell) => cell.innerHTML)).toBe(
      'The renderer &lt;b&gt;crashed&lt;/b&gt;',
    );
    expect(await page.$eval('#campaigns tbody tr td', (cell) => cell.textContent)).toBe('dash');

    // The screenshot shows the bars: many pixels of the bar colour, and the paid bar's green.
    const shot = await sharp(Buffer.from(await page.screenshot({ fullPage: false })))
      .removeAlpha()
      .raw()
      .toBuffer({ resolveWithObject: true });
    const count = (r: number, g: number, b: number) => {
      let pixels = 0;
      for (let at = 0; at < shot.data.length; at += 3)
        if (
          Math.abs(shot.data[at]! - r) < 8 &&
          Math.abs(shot.data[at + 1]! - g) < 8 &&
          Math.abs(shot.data[at + 2]! - b) < 8
        )
          pixels += 1;
      return pixels;
    };
    expect(count(0x2a, 0x7a, 0xb8)).toBeGreaterThan(2000);
    expect(count(0x2e, 0x8b, 0x57)).toBeGreaterThan(100);
    expect(problems).toEqual([]);
    expect(requested.filter((url) => !url.startsWith(base) && !url.startsWith('data:'))).toEqual([]);
    await page.close();
  }, 60_000);
});
