import type { Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../server/roles.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import { setRecipientState } from '../server/store/recipients.ts';
import { checkAccessibility, measureOverflow } from './helpers/check-accessibility.ts';
import { openDashboard } from './helpers/open-dashboard.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { startStudioApp, type StudioApp } from './helpers/studio-app.ts';

// The operator console (/admin/) and the studio (/studio) in real Chromium, as each role sees them,
// at a laptop's width and a tablet's: no serious or critical axe-core finding, nothing wider than the window.
const widths = [1280, 768];
const keys = {} as Record<Role, string>;
let studio: StudioApp;

beforeAll(async () => {
  studio = await startStudioApp({ name: 'console-accessibility' });
  const { db, app } = studio;
  for (const role of roles) keys[role] = (await createApiKey({ db, name: `${role} person`, role })).key;
  // An older campaign too, listed second (newest first): the keyboard chooses it below.
  await seedCampaign({
    db,
    id: 'winter-reminders-2026',
    payUrl: 'https://pay.example.com/c',
    baseUrl: 'https://v.example.com',
  });
  const recipients = await seedCampaign({
    db,
    id: 'spring-reminders-2027',
    payUrl: 'https://pay.example.com/c',
    baseUrl: 'https://v.example.com',
    variants: [
      { id: 'warm', template: 'gentle-reminder', weight: 1 },
      { id: 'brief', template: 'friendly-final-notice', weight: 1 },
    ],
  });
  // What the debtors' pages send (text/plain JSON): views, a watched curve, a claim and a call-back request.
  const fromPage = (url: string, body: object) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(body) });
  for (const recipient of recipients.slice(0, 3)) await fromPage('/t/e', { token: recipient.token, type: 'view' });
  const watched = Buffer.from([0xff, 0x3f]).toString('base64');
  await fromPage('/t/e', { token: recipients[0]!.token, type: 'watched', seconds: watched, duration: 15 });
  const today = new Date().toISOString().slice(0, 10);
  await fromPage(`/t/f/${recipients[0]!.token}/paid`, { paidOn: today, reference: 'CRO 0042' });
  await fromPage(`/t/f/${recipients[1]!.token}/dispute`, { reason: 'wrong_amount', details: 'Paid half in May' });
  await fromPage(`/t/f/${recipients[2]!.token}/callback`, {
    phone: '+39 347 000 1111',
    preferredDate: today,
    preferredWindow: 'evening',
  });
  // An error with a long unbroken address: the failures table is wider than the window and scrolls in its box.
  const longUrl = `https://cdn.example.com/kindly/spring-reminders-2027/${'segments/'.repeat(8)}video-1280x720-h264.mp4`;
  await setRecipientState({
    db,
    token: recipients[4]!.token,
    state: { status: 'failed', error: `The upload failed: PUT ${longUrl} answered 503`, retryable: true },
  });
  // Audit entries to list: an operator's export and an analyst's refused one.
  for (const role of ['operator', 'analyst'] as const)
    await app.inject({
      url: '/api/campaigns/spring-reminders-2027/links.csv',
      headers: { authorization: `Bearer ${keys[role]}` },
    });
}, 600_000);

afterAll(async () => studio?.close());

/** What axe-core and the overflow measure find on the page at each width, each line starting with the width. */
async function checkAtWidths(page: Page): Promise<string[]> {
  const found: string[] = [];
  for (const width of widths) {
    const overflow = await measureOverflow({ page, width });
    const violations = await checkAccessibility(page);
    found.push(...[...overflow, ...violations].map((line) => `${width} px: ${line}`));
  }
  return found;
}

/** The dashboard opened with a key of this role, once the parts the role sees have drawn. */
async function openConsoleAs(role: Role, drawn: string[]): Promise<Page> {
  const { page, problems } = await openDashboard({
    browser: studio.browser,
    base: studio.origin,
    apiKey: keys[role],
    width: widths[0]!,
    height: 900,
  });
  await page.waitForFunction((expected) => document.getElementById('app')?.dataset.role === expected, {}, role);
  for (const selector of drawn) await page.waitForSelector(selector);
  expect(problems).toEqual([]);
  return page;
}

describe('the operator console and the studio: axe-core (WCAG 2.1 AA) and layout at 1280 and 768 px', () => {
  it('the login form', async () => {
    const page = await studio.browser.newPage();
    await page.goto(`${studio.origin}/admin/`, { waitUntil: 'networkidle0' });
    await page.waitForSelector('#login:not([hidden])');
    expect(await checkAtWidths(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('an admin with a campaign selected: campaigns, charts, inbox, failures, audit log', async () => {
    const page = await openConsoleAs('admin', [
      '#campaigns tbody tr.selected',
      '#funnel-chart rect',
      '#retention-chart polyline',
      '#inbox-list li:nth-child(3)',
      '#failures tbody tr',
      '#audit-entries tbody tr:nth-child(2)',
    ]);
    expect(await checkAtWidths(page)).toEqual([]);
    expect(await page.$eval('#failures', (table) => table.parentElement!.getAttribute('tabindex'))).toBe('0');
    // The campaigns are buttons (the keyboard can choose one), the chosen one marked; the charts' names carry their numbers.
    expect(await page.$eval('#campaigns tr.selected button', (button) => button.getAttribute('aria-current'))).toBe(
      'true',
    );
    expect(await page.$eval('#funnel-chart', (chart) => chart.getAttribute('aria-label'))).toMatch(
      /^Funnel: Links issued 6, Opened \d+, Viewed 3, .*Paid \d+$/,
    );
    expect(await page.$eval('#retention-chart', (chart) => chart.getAttribute('aria-label'))).toMatch(
      /^Retention curve over \d+ s, of 1 viewers: 1 at 1 s, /,
    );
    // Enter on the campaign not chosen chooses it; the list redrawn after keeps the keyboard where it was.
    const other = '#campaigns tbody tr[data-id="winter-reminders-2026"]';
    expect(await page.$eval(other, (row) => row.classList.contains('selected'))).toBe(false);
    await page.$eval(other, (row) => row.setAttribute('data-drawn-before', ''));
    await page.focus(`${other} button`);
    await page.keyboard.press('Enter');
    await page.waitForSelector('#campaigns tr.selected[data-id="winter-reminders-2026"]:not([data-drawn-before])');
    expect(await page.evaluate(() => document.activeElement?.closest('tr')?.dataset.id)).toBe('winter-reminders-2026');
    expect(await page.$eval(`${other} button`, (button) => button.getAttribute('aria-current'))).toBe('true');
    expect(
      await page.$eval('#campaigns tr[data-id="spring-reminders-2027"] button', (button) =>
        button.hasAttribute('aria-current'),
      ),
    ).toBe(false);
    await page.close();
  }, 120_000);

  it('an analyst: campaigns and analytics', async () => {
    const page = await openConsoleAs('analyst', ['#campaigns tbody tr.selected', '#funnel-chart rect']);
    expect(await checkAtWidths(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('a designer: the note pointing to the studio', async () => {
    const page = await openConsoleAs('designer', ['#role-note:not([hidden])']);
    expect(await checkAtWidths(page)).toEqual([]);
    await page.close();
  }, 120_000);

  it('the studio as a designer, with its preview shown', async () => {
    const page = await studio.openStudio({ apiKey: keys.designer, width: widths[0] });
    await page.waitForSelector('#stills img');
    expect(await checkAtWidths(page)).toEqual([]);
    await page.close();
  }, 700_000);
});
