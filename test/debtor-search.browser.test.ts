import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { makeRenderKit } from '../server/jobs/make-render-kit.ts';
import { openInProcessRunner } from '../server/jobs/open-in-process-runner.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { openDashboard } from './helpers/open-dashboard.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';

// "I clicked pay and nothing happened": an operator finds the debtor in the dashboard, in real
// Chromium, reads what happened, copies their link, and erases them with the typed confirmation.
const opened: Closers = [];
let app: FastifyInstance;
let browser: Browser;
let base: string;
const keys = { admin: '', operator: '' };
let debtors: Awaited<ReturnType<typeof seedCampaign>>;
const phone =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
const hostile = '<img src=x onerror="document.title=1">';

beforeAll(async () => {
  const temp = await makeTempDir('debtor-search');
  opened.push(temp.remove);
  const db = await openEmbeddedStore({ dataDir: temp.dir });
  opened.push(() => db.close());
  const publisher = openLocalPublisher({ root: path.join(temp.dir, 'site') });
  // The runner of `kindly serve`, for erasure; nothing here renders.
  const kit = makeRenderKit({ publisher, dataDir: temp.dir, browserExecutable: undefined });
  opened.push(kit.close);
  const runner = openInProcessRunner({ db, publisher, ...kit });
  opened.push(() => runner.close());
  debtors = await seedCampaign({
    db,
    id: 'phone',
    payUrl: 'https://pay.example.com/c',
    baseUrl: 'https://v.example.com',
  });
  app = await buildApp({ db, runner, publisher, trackingRateLimit: 100_000 });
  for (const role of ['admin', 'operator'] as const)
    keys[role] = (await createApiKey({ db, name: `${role} person`, role })).key;
  // What each debtor did, through the public tracking routes: a view and a click that count, a
  // scanner's click that does not, a dispute and a payment.
  for (const debtor of debtors.slice(0, 2)) {
    const beacon = await app.inject({
      method: 'POST',
      url: '/t/e',
      headers: { 'content-type': 'text/plain', 'user-agent': phone },
      payload: JSON.stringify({ token: debtor.token, type: 'view' }),
    });
    expect(beacon.statusCode).toBe(204);
    for (const userAgent of [phone, 'Proofpoint URL Defense'])
      expect(
        (await app.inject({ url: `/t/c/${debtor.token}/pay`, headers: { 'user-agent': userAgent } })).statusCode,
      ).toBe(302);
    const dispute = await app.inject({
      method: 'POST',
      url: `/t/f/${debtor.token}/dispute`,
      headers: { 'content-type': 'text/plain', 'user-agent': phone },
      payload: JSON.stringify({ reason: 'other', details: hostile }),
    });
    expect(dispute.statusCode).toBe(201);
  }
  const payments = await app.inject({
    method: 'POST',
    url: '/api/campaigns/phone/payments',
    headers: { authorization: `Bearer ${keys.operator}`, 'content-type': 'text/csv' },
    payload: `id,amount,date,payment_id,currency\n${debtors
      .slice(0, 2)
      .map((debtor, index) => `${debtor.recordId},12.5,2026-11-0${index + 1},pay-${index},EUR`)
      .join('\n')}\n`,
  });
  expect(payments.statusCode).toBe(201);
  ({ base, browser } = await listenAndLaunch({ app, closers: opened }));
  await browser
    .defaultBrowserContext()
    .overridePermissions(base, ['clipboard-read', 'clipboard-write', 'clipboard-sanitized-write']);
}, 120_000);

afterAll(() => closeAll(opened));

const textOf = (page: Page, selector: string) => page.$eval(selector, (element) => element.textContent?.trim() ?? '');
const rowsOf = (page: Page, selector: string) =>
  page.$$eval(`${selector} tbody tr`, (rows) =>
    rows.map((row) => [...row.children].slice(1).map((cell) => cell.textContent ?? '')),
  );
const waitForStatus = (page: Page, pattern: RegExp) =>
  page.waitForFunction(
    (source) => new RegExp(source).test(document.getElementById('debtor-status')?.textContent ?? ''),
    {},
    pattern.source,
  );
const scrollsSideways = (page: Page) =>
  page.evaluate(() => document.documentElement.scrollWidth > document.documentElement.clientWidth);

describe('finding one debtor in the dashboard', () => {
  for (const [index, width] of [1280, 768].entries()) {
    it(`finds, reads, copies the link of and erases a debtor at ${width} px`, async () => {
      const debtor = debtors[index]!;
      const { page, problems } = await openDashboard({ browser, base, apiKey: keys.operator, width, height: 900 });
      await page.waitForFunction(() => document.getElementById('app')?.dataset.role === 'operator');
      expect(await page.$eval('#debtor', (section) => (section as HTMLElement).hidden)).toBe(false);

      await page.type('#debtor-record', debtor.recordId);
      await page.click('#debtor-search button[type="submit"]');
      await page.waitForSelector('#debtor-detail:not([hidden]) #debtor-link');
      expect(await textOf(page, '#debtor-status')).toBe('Found in 1 campaign.');
      expect(await textOf(page, '#debtor-detail-title')).toBe(`${debtor.recordId} in phone`);
      expect(await textOf(page, '[data-field="status"]')).toBe('published');
      expect(await textOf(page, '[data-field="hold"]')).toBe('held: disputes the debt');
      const link = `https://v.example.com/r/${debtor.token}/`;
      expect(await page.$eval('#debtor-link', (input) => (input as HTMLInputElement).value)).toBe(link);
      expect((await rowsOf(page, '#debtor-counted')).map(([event]) => event)).toEqual([
        'Opened the page',
        'Clicked Pay now',
        'Disputed the debt',
      ]);
      expect(await rowsOf(page, '#debtor-flagged')).toEqual([['Clicked Pay now', 'Scanner, preview or script']]);
      expect(await rowsOf(page, '#debtor-responses')).toEqual([
        ['Dispute', `reason: other; details: ${hostile}`, 'open'],
      ]);
      expect(await page.$('#debtor-responses img')).toBeNull();
      expect(await rowsOf(page, '#debtor-payments')).toEqual([['€12.50', `pay-${index}`, 'imported file']]);
      expect(await page.$$eval('#debtor-detail th', (cells) => cells.every((cell) => cell.scope === 'col'))).toBe(true);
      expect(await scrollsSideways(page)).toBe(false);

      await page.bringToFront();
      await page.click('#debtor-copy');
      await waitForStatus(page, /^Link copied\.$/);
      expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link);

      // The campaign is still a draft: the API would refuse rendering again, so the page offers no
      // button and says when it can.
      expect(await page.$('#debtor-rerender')).toBeNull();
      expect(await page.$eval('#debtor-rerender-closed', (line) => line.textContent)).toBe(
        'Their video and page can be rendered again once campaign phone is done (it is draft).',
      );

      const eraseDisabled = () =>
        page.$eval('#debtor-erase-button', (button) => (button as HTMLButtonElement).disabled);
      expect(await eraseDisabled()).toBe(true);
      await page.type('#debtor-erase-confirm', debtor.recordId.slice(0, -1));
      expect(await eraseDisabled()).toBe(true);
      await page.type('#debtor-erase-confirm', debtor.recordId.slice(-1));
      expect(await eraseDisabled()).toBe(false);
      await page.click('#debtor-erase-button');
      await waitForStatus(page, /^Erased /);
      expect(await page.$eval('#debtor-detail', (box) => (box as HTMLElement).hidden)).toBe(true);

      await page.click('#debtor-search button[type="submit"]');
      await waitForStatus(page, /^No recipient has this record id/);
      expect(await page.$$('#debtor-matches li')).toHaveLength(0);
      expect(await scrollsSideways(page)).toBe(false);

      const audit = await app.inject({
        url: '/api/audit?action=erase-recipient',
        headers: { authorization: `Bearer ${keys.admin}` },
      });
      expect(audit.json().entries[0]).toMatchObject({
        action: 'erase-recipient',
        userName: 'operator person',
        campaignId: 'phone',
        recordId: expect.stringMatching(/^erased-/),
        outcome: 'done',
      });
      expect(audit.json().entries).toHaveLength(index + 1);
      expect(problems).toEqual([]);
      await page.close();
    }, 60_000);
  }
});
