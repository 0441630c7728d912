import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { listAuditEntries } from '../server/store/audit-entries.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import type { Db } from '../server/store/db.ts';
import { listEvents } from '../server/store/events.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { makeMultipart } from './helpers/multipart.ts';

// An operator previews real recipients of a campaign before starting it: real pages in a real Chromium.
const closers: Closers = [];
let db: Db;
let app: FastifyInstance;
let base: string;
let browser: Browser;
const keys = { operator: '', designer: '' };
const as = (role: keyof typeof keys) => ({ authorization: `Bearer ${keys[role]}` });
const colors = { primary: '#0b5d1e', onPrimary: '#ffffff', accent: '#8a3c00', background: '#f7f3e8', text: '#1b1b1b' };
const records = [
  'id,name,amount,currency,due_date,invoice,locale,postcode',
  'P-1,Zoë <b>Preview</b>,1234.5,EUR,2027-03-01,INV-1,en-GB,SW1A 1AA',
  'P-2,Bo Second,20,EUR,2027-03-01,INV-2,en-GB,SW1A 1AA',
  'P-3,Cy Third,30,EUR,2027-03-01,INV-3,en-GB,SW1A 1AA',
  'P-4,Di Fourth,44.1,GBP,2027-03-01,INV-4,en-GB,SW1A 1AA',
].join('\n');

beforeAll(async () => {
  const temp = await makeTempDir('campaign-previews');
  closers.push(() => temp.remove());
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  closers.push(() => db.close());
  app = await buildApp({
    db,
    studio: { dataDir: path.join(temp.dir, 'studio'), browserExecutable: process.env.KINDLY_BROWSER },
  });
  ({ base, browser } = await listenAndLaunch({ app, closers }));
  keys.operator = (await createApiKey({ db, name: 'operator person', role: 'operator' })).key;
  keys.designer = (await createApiKey({ db, name: 'designer person', role: 'designer' })).key;
  const campaigns = {
    branded: { brand: { senderName: 'Lumen Gas', payProviderLabel: 'Payments by Nexi', colors } },
    gated: { privacyGate: { field: 'postcode' } },
    empty: {},
  };
  for (const [id, options] of Object.entries(campaigns)) {
    const created = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: as('operator'),
      payload: { id, template: 'gentle-reminder', payUrl: 'https://pay.example.com/', ...options },
    });
    expect(created.statusCode).toBe(201);
    if (id === 'empty') continue;
    const body = await makeMultipart({ file: { name: 'debtors.csv', contents: records } });
    const upload = await app.inject({
      method: 'POST',
      url: `/api/campaigns/${id}/records`,
      headers: { ...as('operator'), ...body.headers },
      payload: body.payload,
    });
    expect(upload.json()).toMatchObject({ accepted: 4, rejected: 0 });
  }
}, 300_000);

afterAll(() => closeAll(closers));

const preview = (campaign: string, payload: object, role: keyof typeof keys = 'operator') =>
  app.inject({ method: 'POST', url: `/api/campaigns/${campaign}/previews`, headers: as(role), payload });

type Preview = { recordId: string; row: number; locale: string; url: string };

/** A preview page opened without a key, once its script has opened the sealed part. */
async function openPreview(url: string) {
  const page = await browser.newPage();
  closers.push(() => page.close());
  const response = await page.goto(`${base}${url}`, { waitUntil: 'domcontentloaded' });
  expect(response?.status()).toBe(200);
  await page.waitForFunction(() => (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal !== undefined, {
    timeout: 60_000,
  });
  return page;
}

describe('POST /api/campaigns/:id/previews', () => {
  it("builds the first three recipients' pages by row, and shows the debtor's name and amount as text", async () => {
    const response = await preview('branded', {});
    expect(response.statusCode).toBe(200);
    const { previews } = response.json() as { previews: Preview[] };
    expect(previews.map(({ recordId, row, locale }) => [recordId, row, locale])).toEqual([
      ['P-1', 2, 'en-GB'],
      ['P-2', 3, 'en-GB'],
      ['P-3', 4, 'en-GB'],
    ]);
    for (const { url } of previews) expect(url).toMatch(/^\/studio\/site\/r\/[A-Za-z0-9_-]{22}\/$/);
    expect(new Set(previews.map(({ url }) => url)).size).toBe(3);

    const page = await openPreview(previews[0]!.url);
    // Record text is text: the markup in the name is shown, never parsed.
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Hello Zoë <b>Preview</b>,');
    expect(await page.$$eval('h1 b', (bold) => bold.length)).toBe(0);
    expect(await page.$eval('.facts .amount', (amount) => amount.textContent)).toBe('€1,234.50');
    // The campaign's brand kit: its pay provider label and its stylesheet.
    expect(await page.$eval('.pay-provider', (label) => label.textContent)).toBe('Payments by Nexi');
    expect(
      await page.$$eval('link[rel="stylesheet"]', (links) =>
        links.some((link) => /brand\./.test(link.getAttribute('href') ?? '')),
      ),
    ).toBe(true);
    // The console at /admin/ may frame it (sandboxed, as the studio does), without a key.
    const admin = await browser.newPage();
    closers.push(() => admin.close());
    await admin.goto(`${base}/admin/`, { waitUntil: 'domcontentloaded' });
    await admin.evaluate((src) => {
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.src = src;
      document.body.append(frame);
    }, previews[1]!.url);
    const framed = await admin.waitForFrame((frame) => frame.url() === `${base}${previews[1]!.url}`);
    await framed.waitForFunction(() => document.querySelector('h1')?.textContent === 'Hello Bo Second,', {
      timeout: 60_000,
    });
    // Nothing a preview does is counted for the recipient.
    expect(await listEvents({ db, campaignId: 'branded', recordId: 'P-1' })).toEqual([]);

    const audit = await listAuditEntries({ db, filter: { action: 'preview-recipients' }, limit: 10 });
    expect(audit.entries.map(({ campaignId, role, outcome }) => `${campaignId} ${role} ${outcome}`)).toEqual([
      'branded operator done',
    ]);
    // How many debtors' pages were shown; no record id when several were.
    expect(audit.entries[0]).toMatchObject({ detail: '3 page(s)', recordId: null });
  }, 180_000);

  it('previews the recipients asked for by record id; an unknown id is 404, more than five 400', async () => {
    const response = await preview('branded', { recordIds: ['P-4'] });
    expect(response.statusCode).toBe(200);
    const [fourth] = (response.json() as { previews: Preview[] }).previews;
    expect(fourth).toMatchObject({ recordId: 'P-4', row: 5, locale: 'en-GB' });
    const page = await openPreview(fourth!.url);
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Hello Di Fourth,');
    expect(await page.$eval('.facts .amount', (amount) => amount.textContent)).toBe('£44.10');
    expect((await preview('branded', { recordIds: ['P-9'] })).statusCode).toBe(404);
    expect((await preview('branded', { recordIds: ['a', 'b', 'c', 'd', 'e', 'f'] })).statusCode).toBe(400);
    expect((await preview('branded', { recordIds: [] })).statusCode).toBe(400);
  }, 180_000);

  it("shows a privacy-gated campaign's page open, without the gate", async () => {
    const { previews } = (await preview('gated', { recordIds: ['P-2'] })).json() as { previews: Preview[] };
    const page = await openPreview(previews[0]!.url);
    expect(await page.$eval('h1', (h1) => h1.textContent)).toBe('Hello Bo Second,');
    expect(await page.$eval('.facts .amount', (amount) => amount.textContent)).toBe('€20.00');
    // The page carries no gate at all, and its personal part is shown.
    expect(await page.$('#gate')).toBeNull();
    expect(await page.$eval('#personal', (personal) => (personal as HTMLElement).hidden)).toBe(false);
  }, 180_000);

  it('answers 409 for a campaign without accepted recipients, 404 for an unknown one, 403 to a designer', async () => {
    const empty = await preview('empty', {});
    expect(empty.statusCode).toBe(409);
    expect(empty.json()).toMatchObject({ fix: 'Upload a records file first' });
    expect((await preview('empty', { recordIds: ['P-1'] })).statusCode).toBe(409);
    expect((await preview('no-such-campaign', {})).statusCode).toBe(404);
    // A NUL in an id is refused by name, before the store sees it.
    const nul = await preview('branded', { recordIds: ['P\u00001'] });
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error).toContain('cannot be stored');
    // A taken-down campaign's pages are not shown again.
    await db.query("update campaigns set status = 'unpublished' where id = 'gated'");
    const down = await preview('gated', {});
    expect(down.statusCode).toBe(409);
    expect(down.json().error).toBe("The campaign is unpublished: its recipients' pages are not shown any more");
    const designer = await preview('branded', {}, 'designer');
    expect(designer.statusCode).toBe(403);
    expect(designer.json().error).toContain('needs the role admin or operator');
  });
});
