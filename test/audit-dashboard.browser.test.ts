import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { roles, type Role } from '../server/roles.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// The dashboard as each role meets it in real Chromium: the audit log for admins, and only what a role may use.
const opened: Closers = [];
let app: FastifyInstance;
let browser: Browser;
let base: string;
const keys = {} as Record<Role, string>;

beforeAll(async () => {
  const temp = await makeTempDir('audit-dashboard');
  opened.push(temp.remove);
  const db = await openEmbeddedStore({ dataDir: temp.dir });
  opened.push(() => db.close());
  await seedCampaign({ db, id: 'dash', payUrl: 'https://pay.example.com/c', baseUrl: 'https://v.example.com' });
  app = await buildApp({ db });
  for (const role of roles) keys[role] = (await createApiKey({ db, name: `${role} person`, role })).key;
  // Something to read: an operator's exports, and an analyst's refused one.
  for (const [role, kind] of [
    ['operator', 'links'],
    ['operator', 'rejects'],
    ['analyst', 'links'],
  ] as const)
    await app.inject({ url: `/api/campaigns/dash/${kind}.csv`, headers: { authorization: `Bearer ${keys[role]}` } });
  ({ base, browser } = await listenAndLaunch({ app, closers: opened }));
}, 120_000);

afterAll(() => closeAll(opened));

/** The dashboard opened with a key of this role, once it has said whose key it is. */
async function openAs(role: Role): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 1280, height: 1000 });
  const problems: string[] = [];
  page.on('console', (message) => message.type() === 'error' && problems.push(message.text()));
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on(
    'response',
    (response) => response.status() >= 400 && problems.push(`${response.status()} ${response.url()}`),
  );
  await page.goto(`${base}/admin/`, { waitUntil: 'networkidle0' });
  await page.type('#key', keys[role]);
  await page.click('#login button');
  await page.waitForFunction((expected) => document.getElementById('app')?.dataset.role === expected, {}, role);
  return { page, problems };
}

const isHidden = (page: Page, selector: string) =>
  page.$eval(selector, (element) => (element as HTMLElement).hidden || (element as HTMLElement).offsetParent === null);

describe('the dashboard by role', () => {
  it('shows an admin the audit log, filters it, and exports it', async () => {
    const { page, problems } = await openAs('admin');
    await page.waitForFunction(() => document.querySelectorAll('#audit-entries tbody tr').length === 3);
    const rows = await page.$$eval('#audit-entries tbody tr', (trs) =>
      trs.map((tr) => [...tr.children].slice(1).map((cell) => cell.textContent)),
    );
    expect(rows).toEqual([
      ['analyst person (analyst)', 'export-links', 'dash', '127.0.0.1', 'refused (403)'],
      ['operator person (operator)', 'export-rejects', 'dash', '127.0.0.1', 'done (200)'],
      ['operator person (operator)', 'export-links', 'dash', '127.0.0.1', 'done (200)'],
    ]);
    await page.type('#audit-user', 'operator person');
    await page.type('#audit-action', 'export-links');
    await page.click('#audit-filters button[type="submit"]');
    await page.waitForFunction(() => document.querySelectorAll('#audit-entries tbody tr').length === 1);
    expect(await page.$eval('#audit-count', (text) => text.textContent)).toBe('1 entry shown');
    const exported = page.waitForResponse((response) => response.url().includes('/api/audit.csv'));
    await page.click('#audit-csv');
    const csv = await exported;
    expect(csv.status()).toBe(200);
    expect(csv.url()).toContain('user=operator+person&action=export-links');
    expect(await csv.text()).toMatch(/^id,at,userName,.*\n.*,operator person,.*export-links/);
    expect(await isHidden(page, '#failures')).toBe(false);
    expect(problems).toEqual([]);
    await page.close();
  });

  it('shows an analyst the campaigns and analytics only: no audit, failures, inbox or per-recipient export', async () => {
    const { page, problems } = await openAs('analyst');
    await page.waitForSelector('#funnel-chart rect');
    expect(await page.$eval('#campaigns tbody tr td', (cell) => cell.textContent)).toBe('dash');
    for (const selector of ['#audit', '#failures', '#inbox', '#outcomes-csv'])
      expect(await isHidden(page, selector)).toBe(true);
    // Nothing the role may not use was even asked for.
    expect(problems).toEqual([]);
    await page.close();
  });

  it('tells a designer where their work is, and asks the API for nothing else', async () => {
    const { page, problems } = await openAs('designer');
    expect(await isHidden(page, '#campaigns-section')).toBe(true);
    expect(await isHidden(page, '#audit')).toBe(true);
    expect(await isHidden(page, '#role-note')).toBe(false);
    expect(await page.$eval('#role-note', (note) => note.textContent)).toContain('studio');
    expect(problems).toEqual([]);
    await page.close();
  });
});
