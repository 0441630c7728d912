import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { closeAll, listenAndLaunch, type Closers } from './helpers/listen-and-launch.ts';
import { openDashboard } from './helpers/open-dashboard.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const today = new Date().toISOString().slice(0, 10);
const tomorrow = new Date(Date.now() + 86_400_000).toISOString().slice(0, 10);
const opened: Closers = [];
let db: Db;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let desk: { id: string; key: string };
let recipients: Awaited<ReturnType<typeof seedCampaign>>;

const items = (page: Page) =>
  page.$$eval('#inbox-list li', (nodes) =>
    nodes.map((node) => ({
      id: node.getAttribute('data-id'),
      status: node.getAttribute('data-status'),
      text: node.textContent ?? '',
    })),
  );

beforeAll(async () => {
  const temp = await makeTempDir('inbox-browser');
  opened.push(temp.remove);
  db = await openEmbeddedStore({ dataDir: temp.dir });
  opened.push(() => db.close());
  recipients = await seedCampaign({
    db,
    id: 'desk',
    payUrl: 'https://pay.example.com/c',
    baseUrl: 'https://v.example.com',
  });
  desk = await createApiKey({ db, name: 'front office', role: 'admin' });
  app = await buildApp({ db, apiKey: 'inbox-browser-env-key-0123' });
  // What the debtor's page posts (text/plain JSON): a claim, then a call-back request from someone else.
  const fromPage = (url: string, body: object) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(body) });
  expect(
    (await fromPage(`/t/f/${recipients[0]!.token}/paid`, { paidOn: today, reference: 'CRO 0042' })).statusCode,
  ).toBe(201);
  expect(
    (
      await fromPage(`/t/f/${recipients[2]!.token}/callback`, {
        phone: '+39 347 000 1111',
        preferredDate: tomorrow,
        preferredWindow: 'evening',
      })
    ).statusCode,
  ).toBe(201);
  ({ base, browser } = await listenAndLaunch({ app, closers: opened }));
}, 120_000);

afterAll(() => closeAll(opened));

describe('the dashboard inbox in real Chromium', () => {
  it('shows the paid claim, marks it handled in one click with who and when, releases its hold, filters and exports', async () => {
    const { page, problems } = await openDashboard({ browser, base, apiKey: desk.key, width: 1280, height: 900 });
    await page.waitForFunction(() => document.querySelectorAll('#inbox-list li').length === 2);

    expect(await page.$eval('#inbox-title', (node) => node.textContent)).toBe('Inbox of desk: what debtors said');
    const [callback, claim] = await items(page);
    expect(callback!.text).toContain(`Call back · ${recipients[2]!.recordId}`);
    expect(callback!.text).toContain(`Call +393470001111 on ${tomorrow}, evening`);
    expect(claim).toMatchObject({ status: 'open' });
    expect(claim!.text).toContain(`Already paid · ${recipients[0]!.recordId}`);
    expect(claim!.text).toContain(`Paid on ${today}, reference CRO 0042`);
    expect(claim!.text).toContain('No reminders: hold paid_claim');
    expect(await page.$eval('#inbox-count', (node) => node.textContent)).toBe('2 shown, 2 open.');

    // At 1280 px the inbox fits the width and its button is the thing under the pointer.
    const button = `#inbox-list li[data-id="${claim!.id}"] button[data-action="handle"]`;
    await page.$eval(button, (node) => node.scrollIntoView({ block: 'center' }));
    const hit = await page.$eval(button, (node) => {
      const box = node.getBoundingClientRect();
      return {
        onTop: document.elementFromPoint(box.x + box.width / 2, box.y + box.height / 2) === node,
        text: node.textContent,
        overflow: document.documentElement.scrollWidth - window.innerWidth,
      };
    });
    expect(hit).toEqual({ onTop: true, text: 'Mark handled', overflow: 0 });

    await page.type('#inbox-by', 'Anna Rossi');
    await page.click(button);
    await page.waitForSelector(`#inbox-list li[data-id="${claim!.id}"][data-status="handled"]`);
    const stored = (
      await app.inject({
        method: 'GET',
        url: '/api/campaigns/desk/responses?status=handled',
        headers: { authorization: `Bearer ${desk.key}` },
      })
    ).json().responses;
    expect(stored).toEqual([
      expect.objectContaining({
        id: Number(claim!.id),
        status: 'handled',
        handledBy: { name: 'Anna Rossi', key: `front office (${desk.id})` },
      }),
    ]);
    const shown = await page.$eval(`#inbox-list li[data-id="${claim!.id}"] .inbox-state`, (node) => ({
      text: node.textContent,
      at: node.querySelector('time')?.getAttribute('datetime'),
    }));
    expect(shown.text).toMatch(
      new RegExp(
        `^Handled by Anna Rossi with front office \\(${desk.id}\\), \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2} Reopen$`,
      ),
    );
    expect(shown.at).toBe(stored[0].handledAt);
    expect(await page.$eval('#inbox-count', (node) => node.textContent)).toBe('2 shown, 1 open.');

    // Handled is not released: the claim still holds until "Release hold" is clicked.
    const hold = `#inbox-list li[data-id="${claim!.id}"] .inbox-hold`;
    expect(await page.$eval(hold, (node) => [node.getAttribute('data-hold'), node.textContent])).toEqual([
      'holding',
      'No reminders: hold paid_claim in links.csv and the delivery kit. Release hold',
    ]);
    const linksHold = async () => {
      const body = (
        await app.inject({
          method: 'GET',
          url: '/api/campaigns/desk/links.csv',
          headers: { authorization: `Bearer ${desk.key}` },
        })
      ).body;
      return body
        .split('\n')
        .find((line) => line.startsWith(`${recipients[0]!.recordId},`))
        ?.split(',')[2];
    };
    expect(await linksHold()).toBe('paid_claim');
    await page.click(`${hold} button[data-action="release"]`);
    await page.waitForSelector(`${hold}[data-hold="released"]`);
    const released = (
      await app.inject({
        method: 'GET',
        url: '/api/campaigns/desk/responses?kind=paid',
        headers: { authorization: `Bearer ${desk.key}` },
      })
    ).json().responses[0];
    expect(released.holdReleasedBy).toEqual({ name: 'Anna Rossi', key: `front office (${desk.id})` });
    const releasedShown = await page.$eval(hold, (node) => ({
      text: node.textContent,
      at: node.querySelector('time')?.getAttribute('datetime'),
      buttons: node.querySelectorAll('button').length,
    }));
    expect(releasedShown.text).toMatch(
      new RegExp(
        `^Hold released by Anna Rossi with front office \\(${desk.id}\\), \\d{1,2} \\w{3} \\d{4}, \\d{2}:\\d{2}: reminders may resume unless another claim holds them\\.$`,
      ),
    );
    expect(releasedShown).toMatchObject({ at: released.holdReleasedAt, buttons: 0 });
    expect(await linksHold()).toBe('');
    expect(await page.$eval('#status', (node) => node.textContent)).toContain(
      `Hold released: Already paid from ${recipients[0]!.recordId}`,
    );

    await page.select('#inbox-status', 'open');
    await page.waitForFunction(() => document.querySelectorAll('#inbox-list li').length === 1);
    expect((await items(page)).map((item) => item.status)).toEqual(['open']);
    await page.select('#inbox-status', 'handled');
    await page.select('#inbox-kind', 'paid');
    await page.waitForFunction(
      (id) =>
        [...document.querySelectorAll('#inbox-list li')].map((node) => node.getAttribute('data-id')).join() === id,
      {},
      claim!.id,
    );

    const exported = page.waitForResponse((response) => response.url().includes('/responses.csv'));
    await page.click('#inbox-csv');
    const csv = await exported;
    expect(new URL(csv.url()).search).toBe('?kind=paid&status=handled');
    const lines = (await csv.text()).trim().split('\n');
    expect(lines[0]).toBe(
      'id,record_id,kind,created_at,status,handled_by,handled_key,handled_at,data,hold_released_by,hold_released_key,hold_released_at',
    );
    expect(lines.slice(1).map((line) => line.split(',').slice(1, 7))).toEqual([
      [recipients[0]!.recordId, 'paid', expect.any(String), 'handled', 'Anna Rossi', `front office (${desk.id})`],
    ]);

    // The name is remembered for the next visit.
    expect(await page.evaluate(() => localStorage.getItem('kindly-operator'))).toBe('Anna Rossi');
    expect(problems).toEqual([]);
    await page.close();
  }, 90_000);
});
