import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'puppeteer-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { publishRecipient } from '../server/publish/publish-recipient.ts';
import { publishSiteAssets } from '../server/publish/publish-site-assets.ts';
import type { Publisher } from '../server/publish/publisher.ts';
import { makeMicrosite, type SiteAssets } from '../server/render/make-microsite.ts';
import type { RenderedMedia } from '../server/render/open-renderer.ts';
import { getCampaign } from '../server/store/campaigns.ts';
import type { Db } from '../server/store/db.ts';
import { listEvents } from '../server/store/events.ts';
import { ensureGateShare } from '../server/store/gate.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { findRecipientByToken } from '../server/store/recipients.ts';
import { listResponses } from '../server/store/responses.ts';
import { template } from './helpers/read-all.ts';
import { getFreePort } from './helpers/free-port.ts';
import { launchBrowser } from './helpers/launch-browser.ts';
import { makePlaceholderMedia } from './helpers/placeholder-media.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from './helpers/temp-dir.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let browser: Browser;
let base: string;
let open: Awaited<ReturnType<typeof seedCampaign>>;
let gated: Awaited<ReturnType<typeof seedCampaign>>;
const invoiceUrl = 'https://invoices.example.com/FT-2027-0042.pdf';

/** Publishes every recipient's page (the real page code and assets) with the placeholder media. */
async function publishPages(options: { campaignId: string; tokens: string[]; publisher: Publisher; assets: SiteAssets; media: RenderedMedia }) {
  const { publisher, assets } = options;
  const campaign = await getCampaign({ db, id: options.campaignId });
  for (const token of options.tokens) {
    const recipient = await findRecipientByToken({ db, token });
    const record = template.schema.parse(recipient!.data);
    const gate = campaign.privacyGate && { field: campaign.privacyGate.field, share: await ensureGateShare({ db, token }) };
    const html = await makeMicrosite({ template, record, token, trackBase: campaign.trackUrl, assets, planRules: campaign.planRules, gate });
    await publishRecipient({ publisher, token, media: options.media, html });
  }
}

beforeAll(async () => {
  temp = await makeTempDir('interactive-browser');
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  base = `http://127.0.0.1:${await getFreePort()}`;
  open = await seedCampaign({ db, id: 'open', payUrl: `${base}/demo/pay?shop=kindly`, baseUrl: base });
  gated = await seedCampaign({ db, id: 'gated', payUrl: `${base}/demo/pay`, baseUrl: base });
  await db.query(`update campaigns set privacy_gate = '{"field":"postcode"}'::jsonb where id = 'gated'`);
  await db.query(`update recipients set data = data || '{"postcode":"20121"}'::jsonb where campaign_id = 'gated'`);
  await db.query(`update recipients set data = data || $2::jsonb where campaign_id = 'open' and record_id = $1`, ['CUST-1001', JSON.stringify({ invoice_url: invoiceUrl })]);
  const siteDir = path.join(temp.dir, 'site');
  const media = await makePlaceholderMedia({ dir: path.join(temp.dir, 'media'), seconds: 15 });
  const publisher = openLocalPublisher({ root: siteDir });
  const assets = await publishSiteAssets({ publisher });
  await publishPages({ campaignId: 'open', tokens: open.map((recipient) => recipient.token), publisher, assets, media });
  await publishPages({ campaignId: 'gated', tokens: gated.map((recipient) => recipient.token), publisher, assets, media });
  app = await buildApp({ db, siteDir, apiKey: 'interactive-browser-key' });
  await app.listen({ port: Number(new URL(base).port), host: '127.0.0.1' });
  browser = await launchBrowser();
}, 300_000);

afterAll(async () => {
  await browser?.close();
  await app?.close();
  await db?.close();
  await temp?.remove();
});

/** A phone-sized page that records CSP violations, dialogs and requests off the site. */
async function openPhone(token: string): Promise<{ page: Page; problems: string[] }> {
  const page = await browser.newPage();
  await page.setViewport({ width: 360, height: 740, isMobile: true, hasTouch: true });
  const problems: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Refused to/i.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(String(error)));
  page.on('dialog', async (dialog) => {
    problems.push(`dialog: ${dialog.message()}`);
    await dialog.dismiss();
  });
  page.on('request', (request) => {
    const url = request.url();
    if (!url.startsWith('data:') && !url.startsWith(base)) problems.push(`off-site request: ${url}`);
  });
  // Whatever else on the page needs the recipient's data listens for this event.
  await page.evaluateOnNewDocument(() => {
    document.addEventListener('kindly:personal', (event) => {
      (window as unknown as { announced: string }).announced = String((event as CustomEvent<{ record: { id: string } }>).detail.record.id);
    });
  });
  await page.goto(`${base}/r/${token}/`, { waitUntil: 'domcontentloaded' });
  return { page, problems };
}

const waitForPersonal = (page: Page) => page.waitForFunction(() => (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal !== undefined && !document.getElementById('personal')!.hidden);

async function waitForEvents(campaignId: string, recordId: string, wanted: string): Promise<string[]> {
  let events: string[] = [];
  for (let attempt = 0; attempt < 50 && !events.includes(wanted); attempt += 1) {
    events = await listEvents({ db, campaignId, recordId });
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return events;
}

/** Plays the video muted and jumps to `seconds`, still playing, then waits until `hotspot` shows. */
async function playAt(page: Page, seconds: number, hotspot: string) {
  await page.evaluate(async (at) => {
    const video = document.querySelector('video')!;
    video.muted = true;
    await video.play();
    video.currentTime = at;
  }, seconds);
  await page.waitForSelector(`[data-hotspot="${hotspot}"]:not([hidden])`, { timeout: 10_000 });
}

const noHorizontalScroll = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth);

describe('the interactive page on a phone (real Chromium, real API)', () => {
  it('renders the personal part from the sealed data, announces it, and fits 360 px with everything open', async () => {
    const { page, problems } = await openPhone(open[0]!.token);
    await waitForPersonal(page);
    expect(await page.$eval('#greeting', (element) => element.textContent)).toBe('Ciao Maria Concetta Esposito-Buonaccorsi,');
    expect(await page.$eval('.facts .amount', (element) => element.textContent)).toBe('1234,50\u00a0€');
    expect(await page.evaluate(() => (window as unknown as { announced: string }).announced)).toBe('CUST-1001');
    expect(await page.$eval('.facts .invoice-link', (element) => element.getAttribute('href'))).toBe(invoiceUrl);
    expect(await page.$$eval('.chapter', (buttons) => buttons.map((button) => button.textContent))).toEqual(['Benvenuto0:00', 'Il tuo riepilogo0:05', 'Come pagare0:10']);
    await page.$$eval('details', (all) => all.forEach((details) => ((details as HTMLDetailsElement).open = true)));
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
    const { page, problems } = await openPhone(open[0]!.token);
    await waitForPersonal(page);
    await playAt(page, 8.5, 'summary-plan');
    expect(await page.$eval('[data-hotspot="outro-pay"]', (element) => (element as HTMLElement).hidden)).toBe(true);
    await page.tap('[data-hotspot="summary-plan"]');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('plans');
    expect(await page.$eval('video', (video) => (video as HTMLVideoElement).paused)).toBe(true);

    await page.click('.chapter[data-chapter="outro"]');
    await page.waitForSelector('[data-hotspot="outro-replay"]:not([hidden])', { timeout: 10_000 });
    expect(await page.$eval('.chapter[data-chapter="outro"]', (element) => element.getAttribute('aria-current'))).toBe('true');
    await page.click('[data-hotspot="outro-replay"]');
    const time = await page.$eval('video', (video) => (video as HTMLVideoElement).currentTime);
    expect(time).toBeGreaterThanOrEqual(5);
    expect(time).toBeLessThan(7);
    expect(await waitForEvents('open', 'CUST-1001', 'click_hotspot')).toEqual(expect.arrayContaining(['view', 'play', 'click_hotspot']));
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a hotspot used from the keyboard during playback opens the call-back form; Pay now in the video lands on the pay URL', async () => {
    const { page } = await openPhone(open[1]!.token);
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
    expect(landed.searchParams.get('ref')).toBe(open[1]!.payRef);
    expect(await waitForEvents('open', 'CUST-1002', 'click_pay')).toEqual(expect.arrayContaining(['click_hotspot', 'click_pay']));
    await page.close();
  }, 60_000);

  it('a plan chosen on the page reaches the pay URL with the plan', async () => {
    const { page } = await openPhone(open[2]!.token);
    await waitForPersonal(page);
    const labels = await page.$$eval('.plan-option label', (all) => all.map((label) => label.textContent));
    expect(labels).toEqual(['3 rate mensili da 333.333,33\u00a0€', '6 rate mensili da 166.666,66\u00a0€', '12 rate mensili da 83.333,33\u00a0€']);
    expect(await page.$eval('#plan-12-schedule', (element) => element.textContent)).toMatch(/ultima da 83\.333,37\u00a0€/);
    await page.click('label[for="plan-12"]');
    await Promise.all([page.waitForNavigation(), page.click('#plan-pay')]);
    const landed = new URL(page.url());
    expect(Object.fromEntries(landed.searchParams)).toMatchObject({ shop: 'kindly', intent: 'plan', plan: '12', ref: open[2]!.payRef });
    expect(landed.searchParams.get('first_payment')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(await page.$eval('#plan', (element) => element.textContent)).toBe('12');
    expect(await waitForEvents('open', 'CUST-1003', 'plan_chosen')).toEqual(expect.arrayContaining(['click_plan', 'plan_chosen']));
    await page.close();
  }, 60_000);

  it('each form round-trips to the store, and the survey shown after it stores its answer (an en-GB record)', async () => {
    const { page, problems } = await openPhone(open[3]!.token);
    await waitForPersonal(page);
    const tomorrow = await page.evaluate(() => {
      const date = new Date(Date.now() + 86_400_000);
      return `${date.getFullYear()}-${String(date.getMonth() + 1).padStart(2, '0')}-${String(date.getDate()).padStart(2, '0')}`;
    });
    const today = await page.$eval('#paid-date', (input) => input.getAttribute('max'));

    await page.click('#form-paid summary');
    await page.$eval('#paid-date', (input, value) => ((input as HTMLInputElement).value = value as string), today);
    await page.type('#paid-reference', 'CRO 0042');
    await page.click('#form-paid button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#form-paid .form-status')?.textContent !== '');
    expect(await page.$eval('#form-paid .form-status', (element) => element.textContent)).toBe('Thank you: we have received it.');
    expect(await page.$eval('#survey', (element) => (element as HTMLElement).hidden)).toBe(false);

    await page.click('#form-dispute summary');
    await page.select('#dispute-reason', 'not_mine');
    await page.type('#dispute-details', 'Non ho mai avuto <b>questo</b> contratto');
    await page.click('#form-dispute button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#form-dispute .form-status')?.textContent !== '');

    await page.click('#form-callback summary');
    await page.type('#callback-phone', '+39 347 000 1111');
    await page.$eval('#callback-date', (input, value) => ((input as HTMLInputElement).value = value as string), tomorrow);
    await page.select('#callback-window', 'afternoon');
    await page.click('#form-callback button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#form-callback .form-status')?.textContent !== '');

    await page.click('#survey input[value="4"]');
    await page.type('#survey-comment', 'Clear');
    await page.click('#survey button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#survey .form-status')?.textContent === 'Thank you for your answer.');

    const responses = await listResponses({ db, campaignId: 'open', limit: 100 });
    expect(responses.filter((response) => response.recordId === 'CUST-1004').map((response) => [response.kind, response.data])).toEqual([
      ['paid', { paidOn: today, reference: 'CRO 0042' }],
      ['dispute', { reason: 'not_mine', details: 'Non ho mai avuto <b>questo</b> contratto' }],
      ['callback', { phone: '+393470001111', preferredDate: tomorrow, preferredWindow: 'afternoon' }],
      ['survey', { score: 4, comment: 'Clear', shownAfter: 'cta', scale: '1-5' }],
    ]);
    expect(await listEvents({ db, campaignId: 'open', recordId: 'CUST-1004' })).toEqual(expect.arrayContaining(['form_paid', 'form_dispute', 'form_callback', 'survey']));
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a bad form answer is refused with its reason, and the survey also shows at the end of the video', async () => {
    const { page } = await openPhone(open[4]!.token);
    await waitForPersonal(page);
    await page.click('#form-callback summary');
    await page.type('#callback-phone', 'nope');
    await page.click('#form-callback button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#form-callback .form-status')?.textContent !== '');
    expect(await page.$eval('#form-callback .form-status', (element) => element.textContent)).toMatch(/^Invio non riuscito: phone is not valid: phone is not a phone number/);
    expect(await page.$eval('#survey', (element) => (element as HTMLElement).hidden)).toBe(true);

    await page.evaluate(async () => {
      const video = document.querySelector('video')!;
      video.muted = true;
      await video.play();
      video.currentTime = video.duration - 0.3;
    });
    await page.waitForSelector('#survey:not([hidden])', { timeout: 10_000 });
    await page.click('#survey input[value="5"]');
    await page.click('#survey button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#survey .form-status')?.textContent !== '');
    const answers = (await listResponses({ db, campaignId: 'open', kind: 'survey', limit: 100 })).filter((response) => response.recordId === 'CUST-1005');
    expect(answers.map((response) => response.data)).toEqual([{ score: 5, shownAfter: 'end', scale: '1-5' }]);
    await page.close();
  }, 60_000);
});

describe('the privacy gate', () => {
  const personal = ['Oliver', 'Bennett', '89.90', '£', 'INV-2027', 'February', 'Amount', 'Pay now'];

  it('shows nothing personal until the right answer, then everything', async () => {
    const { page, problems } = await openPhone(gated[1]!.token);
    await page.waitForSelector('#gate:not([hidden])');
    const before = await page.evaluate(() => document.body.innerText);
    for (const text of personal) expect(before).not.toContain(text);
    expect(await page.$eval('video', (video) => (video as HTMLVideoElement).currentSrc)).toBe('');
    expect(await noHorizontalScroll(page)).toBe(true);

    await page.type('#gate-answer', '99999');
    await page.click('#gate button');
    await page.waitForFunction(() => document.getElementById('gate-error')?.textContent !== '');
    expect(await page.$eval('#gate-error', (element) => element.textContent)).toBe('That does not match what we have. Please check and try again.');
    const afterWrong = await page.evaluate(() => document.body.innerText);
    for (const text of personal) expect(afterWrong).not.toContain(text);
    expect(await page.evaluate(() => (window as unknown as { kindlyPersonal?: unknown }).kindlyPersonal)).toBeUndefined();

    await page.$eval('#gate-answer', (input) => ((input as HTMLInputElement).value = ''));
    await page.type('#gate-answer', ' 201 21');
    await page.keyboard.press('Enter');
    await waitForPersonal(page);
    expect(await page.$eval('#greeting', (element) => element.textContent)).toBe('Hello Oliver Bennett,');
    expect(await page.$eval('.facts .amount', (element) => element.textContent)).toBe('£89.90');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('greeting');
    expect(await page.$eval('#gate', (form) => (form as HTMLElement).hidden)).toBe(true);
    expect(await page.$eval('video', (video) => new URL((video as HTMLVideoElement).src).pathname)).toBe(`/r/${gated[1]!.token}/video.mp4`);
    expect(await noHorizontalScroll(page)).toBe(true);
    expect(await waitForEvents('gated', 'CUST-1002', 'gate_passed')).toContain('gate_passed');
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a link-preview bot (no script) sees no name, amount or debt wording, with or without the gate', async () => {
    for (const token of [open[1]!.token, gated[1]!.token]) {
      const response = await fetch(`${base}/r/${token}/`, { headers: { 'user-agent': 'WhatsApp/2.24.1 A' } });
      const html = (await response.text()).replace(/"sealed":\{[^}]*\}/, '"sealed":{}');
      for (const text of personal) expect(html).not.toContain(text);
      const page = await browser.newPage();
      await page.setJavaScriptEnabled(false);
      await page.setUserAgent('Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)');
      await page.goto(`${base}/r/${token}/`);
      const text = await page.evaluate(() => document.body.innerText);
      for (const word of personal) expect(text).not.toContain(word);
      expect(text).toContain('This page needs JavaScript to show your personal message.');
      await page.close();
    }
  }, 60_000);
});
