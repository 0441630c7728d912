import fs from 'node:fs/promises';
import path from 'node:path';
import type { Browser, ElementHandle, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApiKey } from '../server/store/api-keys.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { buildFullApp } from './helpers/build-full-app.ts';
import { checkAccessibility, measureOverflow } from './helpers/check-accessibility.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { openDashboard } from './helpers/open-dashboard.ts';

// A CRM export whose headers are not the template's field names; row 5 has no such date (and
// markup in it). One column is named in markup: the console shows both as typed, as text.
const hostileColumn = '<img src=x onerror=alert(1)>';
const hostileDate = '2027-02-31<img src=x onerror=alert(2)>';
const records = [
  `Customer No,Full Name,Balance,Currency,Pay by,Invoice No,Locale,${hostileColumn}`,
  'C-1,Oliver Bennett,89.90,GBP,2027-02-28,INV-1,en-GB,a',
  'C-2,Amelia Hart,120.00,GBP,2027-03-15,INV-2,en-GB,b',
  'C-3,George Patel,45.10,GBP,2027-04-01,INV-3,en-GB,c',
  `C-4,Nobody Real,10.00,GBP,${hostileDate},INV-4,en-GB,d`,
].join('\n');
const names = { 'C-1': 'Oliver Bennett', 'C-2': 'Amelia Hart', 'C-3': 'George Patel' };
const campaign = {
  id: 'console-walk',
  template: 'gentle-reminder',
  playback: 'live',
  payUrl: 'https://pay.example.com/checkout',
};
const mapping = { id: 'Customer No', name: 'Full Name', amount: 'Balance', due_date: 'Pay by', invoice: 'Invoice No' };

const opened: Closers = [];
let browser: Browser;
let base: string;
let operatorKey: string;
let adminKey: string;
let recordsFile: string;
let page: Page;
let problems: string[];

beforeAll(async () => {
  const temp = await makeTempDir('console-campaign');
  opened.push(temp.remove);
  recordsFile = path.join(temp.dir, 'crm-export.csv');
  await fs.writeFile(recordsFile, records);
  const { app, db } = await buildFullApp({ name: 'console-campaign', closers: opened, renders: true });
  operatorKey = (await createApiKey({ db, name: 'collections desk', role: 'operator' })).key;
  adminKey = (await createApiKey({ db, name: 'compliance officer', role: 'admin' })).key;
  ({ base, browser } = await listenAndLaunch({ app, closers: opened }));
}, 120_000);

afterAll(() => closeAll(opened));

const textOf = (selector: string) => page.$eval(selector, (node) => node.textContent ?? '');
/** Waits for the element's text to match, in turns of a minute (one browser call may last three at most). */
async function waitForText(selector: string, pattern: RegExp, timeout = 30_000) {
  for (let left = timeout; ; left -= 60_000) {
    try {
      return await page.waitForFunction(
        (css, source) => new RegExp(source).test(document.querySelector(css)?.textContent ?? ''),
        { timeout: Math.min(left, 60_000), polling: 200 },
        selector,
        pattern.source,
      );
    } catch (error) {
      if (left <= 60_000) throw error;
    }
  }
}

async function fillCampaignForm(options: { id: string; template: string; playback: string; payUrl: string }) {
  await page.click('#new-campaign');
  await page.waitForSelector(`#cf-template option[value="${options.template}"]`);
  await page.select('#cf-template', options.template);
  await page.select('#cf-playback', options.playback);
  await page.type('#cf-pay-url', options.payUrl);
  await page.type('#cf-id', options.id);
}

async function retype(selector: string, text: string) {
  await page.$eval(selector, (input) => ((input as HTMLInputElement).value = ''));
  await page.type(selector, text);
}

async function mapColumns(fields: Record<string, string>) {
  await page.waitForSelector('#mapping:not([hidden])');
  for (const [field, column] of Object.entries(fields))
    await page.select(`#mapping-table select[data-field="${field}"]`, column);
}

async function readRejects() {
  await page.waitForSelector('#rejects-table tbody tr');
  return page.$$eval('#rejects-table tbody tr', (rows) =>
    rows.map((row) => [...row.cells].map((cell) => cell.textContent ?? '')),
  );
}

async function readPreviewText(frame: ElementHandle<HTMLIFrameElement>, expected: string) {
  const content = await frame.contentFrame();
  await content.waitForFunction((name) => document.body?.innerText.includes(name), { timeout: 30_000 }, expected);
  return content.evaluate(() => document.body.innerText);
}

/** Clicks a download button and reads the file the API answered with. */
async function download(selector: string, file: string) {
  const response = page.waitForResponse((each) => new URL(each.url()).pathname.endsWith(`/${file}`));
  await page.click(selector);
  return (await response).text();
}

/** Finds one debtor by record id in the console and erases them, typing their id to confirm. */
async function findAndErase(recordId: string, link: string) {
  await page.type('#debtor-record', recordId);
  await page.click('#debtor-search button[type="submit"]');
  await page.waitForSelector('#debtor-detail:not([hidden]) #debtor-link');
  expect(await textOf('#debtor-detail-title')).toBe(`${recordId} in ${campaign.id}`);
  expect(await textOf('[data-field="status"]')).toBe('published');
  expect(await page.$eval('#debtor-link', (input) => (input as HTMLInputElement).value)).toBe(link);
  expect(await checkAccessibility(page)).toEqual([]);
  await page.type('#debtor-erase-confirm', recordId);
  await page.click('#debtor-erase-button');
  await waitForText('#debtor-status', /^Erased /);
  await page.click('#debtor-search button[type="submit"]');
  await waitForText('#debtor-status', /^No recipient has this record id/);
}

/** The audit log of one campaign as the console shows it: action, who and outcome per row, oldest first. */
async function readAuditLog(campaignId: string) {
  const { page: auditPage } = await openDashboard({ browser, base, apiKey: adminKey, width: 1280, height: 900 });
  await auditPage.waitForSelector('#audit:not([hidden])');
  await auditPage.type('#audit-campaign', campaignId);
  await auditPage.click('#audit-filters button[type="submit"]');
  await auditPage.waitForFunction(
    (id) => [...document.querySelectorAll('#audit-entries tbody tr')].every((row) => row.textContent?.includes(id)),
    {},
    campaignId,
  );
  const rows = await auditPage.$$eval('#audit-entries tbody tr', (trs) =>
    trs.map((row) => [...row.cells].map((cell) => cell.textContent ?? '')),
  );
  await auditPage.close();
  return rows.reverse().map(([, who, action, what, , outcome]) => ({ who, action, what, outcome }));
}

describe('the operator console, from upload to links to one debtor, in real Chromium', () => {
  it('creates, uploads with a column mapping, previews, runs, downloads the links, erases a debtor and reads both in the audit log', async () => {
    ({ page, problems } = await openDashboard({ browser, base, apiKey: operatorKey, width: 1280, height: 900 }));
    await page.waitForSelector('#console:not([hidden])');

    // 1. A campaign made in the form: the API judges it and says what to fix; once made, it is selected.
    await fillCampaignForm({ ...campaign, payUrl: 'pay.example.com/checkout' });
    await page.click('#campaign-form button[type="submit"]');
    await waitForText('#cf-message', /payUrl must be an http\(s\) URL.*— Correct payUrl/);
    await retype('#cf-pay-url', campaign.payUrl);
    await page.click('#campaign-form button[type="submit"]');
    await waitForText('#console-campaign', /^console-walk: draft/);
    expect(await page.$eval('#campaigns tr.selected', (row) => row.dataset.id)).toBe('console-walk');

    // 2. The file's headers name no required field: the mapping step asks, showing samples.
    const input = (await page.$('#records-file')) as ElementHandle<HTMLInputElement>;
    await input.uploadFile(recordsFile);
    await mapColumns(mapping);
    expect(await textOf('#mapping-table tr[data-field="name"] .samples')).toContain('Oliver Bennett');
    expect(await textOf('#mapping-table tr[data-field="name"] th')).toContain('required');
    expect(
      await page.$$eval('#mapping-table tr[data-field="name"] option', (options) => options.map((each) => each.text)),
    ).toContain(hostileColumn);
    expect(await page.$$('#mapping-table img')).toHaveLength(0);
    await page.click('#mapping-confirm');
    await waitForText('#upload-status', /read 4, accepted 3, rejected 1/);
    expect(await page.$eval('#upload-progress', (bar) => (bar as HTMLProgressElement).value)).toBe(1);

    // 3. The bad row, with its field, value and reason.
    const rejects = await readRejects();
    expect(rejects).toHaveLength(1);
    expect(rejects[0]!.slice(0, 3)).toEqual(['5', 'due_date', hostileDate]);
    expect(await page.$$('#rejects-table img')).toHaveLength(0);

    // 4. Three pages as the debtors will see them, before anything is rendered.
    await page.click('#previews-make');
    await page.waitForFunction(() => document.querySelectorAll('#previews iframe').length === 3);
    const frames = (await page.$$('#previews iframe')) as ElementHandle<HTMLIFrameElement>[];
    for (const [index, [recordId, name]] of Object.entries(names).entries()) {
      const frame = frames[index]!;
      expect(await frame.evaluate((node) => node.title)).toMatch(new RegExp(`${recordId}.*row ${index + 2}`));
      expect(await frame.evaluate((node) => node.clientWidth)).toBe(390);
      expect(await frame.evaluate((node) => node.getAttribute('sandbox'))).toBe('allow-scripts');
      expect(await readPreviewText(frame, name)).toContain(name);
    }

    // 5. Only the moves the status allows; start, then progress until done.
    expect(
      await page.$$eval('#campaign-actions button:not([hidden])', (nodes) => nodes.map((node) => node.dataset.action)),
    ).toEqual(['start', 'cancel']);
    await page.click('#campaign-actions button[data-action="start"]');
    await waitForText('#console-campaign', /^console-walk: done/, 300_000);
    expect(await textOf('#console-campaign')).toContain('published 3, failed 0');

    // 6. One personal link per accepted row.
    const links = (await download('button[data-download="links"]', 'links.csv')).trim().split('\n');
    const rows = links.slice(1).map((line) => line.split(','));
    expect(rows.map((row) => row[0]).sort()).toEqual(Object.keys(names));
    expect(new Set(rows.map((row) => row.find((cell) => /^https?:\/\//.test(cell)))).size).toBe(3);

    // 7. A debtor on the phone: found by record id, the link is the one sent, then erased on their request.
    const amelia = rows.find((row) => row[0] === 'C-2')!.find((cell) => /^https?:\/\//.test(cell))!;
    await findAndErase('C-2', amelia);

    // 8. The compliance officer reads both in the audit log: who exported the links, who erased the debtor.
    const entries = await readAuditLog(campaign.id);
    const desk = (action: string) =>
      entries.filter((entry) => entry.action === action && entry.who?.includes('collections desk'));
    expect(desk('export-links')).toEqual([expect.objectContaining({ outcome: 'done (200)' })]);
    expect(desk('erase-recipient')).toEqual([expect.objectContaining({ outcome: 'done (204)' })]);
    // The erased debtor's record id is gone from the log too: the entry names their anonymous id.
    expect(entries.map((entry) => entry.what).join(' ')).not.toContain('C-2');
    expect(entries.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['campaign-create', 'upload-records', 'preview-recipients', 'campaign-start']),
    );

    // 9. The next campaign of this template takes the same file at once: the columns chosen are kept.
    await fillCampaignForm({ ...campaign, id: 'console-next' });
    await page.click('#campaign-form button[type="submit"]');
    await waitForText('#console-campaign', /^console-next: draft/);
    await input.uploadFile(recordsFile);
    await waitForText('#upload-status', /read 4, accepted 3, rejected 1/);
    expect(await page.$eval('#mapping', (section) => (section as HTMLElement).hidden)).toBe(true);
    const used = await textOf('#upload-status');
    expect(used).toContain('Using the columns of the last upload: ');
    for (const [field, column] of Object.entries(mapping)) expect(used).toContain(`${field} ← ${column}`);

    // Cancel cannot be undone: it asks first, in the page, naming the campaign; Keep leaves it as it is.
    const cancel = '#campaign-actions button[data-action="cancel"]';
    await page.click(cancel);
    expect(await textOf('#cancel-confirm-text')).toBe('Cancel campaign console-next? It cannot be started again.');
    await page.click('#cancel-confirm-keep');
    await waitForText('#actions-status', /^The campaign was not cancelled\.$/);
    expect(await page.$eval('#cancel-confirm', (box) => (box as HTMLElement).hidden)).toBe(true);
    expect(await textOf('#console-campaign')).toMatch(/^console-next: ready/);
    await page.click(cancel);
    await page.click('#cancel-confirm-yes');
    await waitForText('#console-campaign', /^console-next: cancelled/);
    await waitForText('#console-status', /^Campaign console-next is now cancelled\.$/);

    // 10. At 1280 and 768 px the console fits the width with the form open (brand kit and a variant row), and axe finds nothing serious.
    await page.click('#new-campaign');
    await page.waitForSelector('#campaign-form:not([hidden])');
    await page.click('#cf-brand-on');
    await page.click('#cf-add-variant');
    for (const width of [1280, 768]) {
      expect(await measureOverflow({ page, width, height: 900 })).toEqual([]);
      expect(await checkAccessibility(page)).toEqual([]);
    }
    // The only failed request is the refused form.
    expect(problems).toEqual([expect.stringMatching(/status of 400/)]);
  }, 480_000);
});
