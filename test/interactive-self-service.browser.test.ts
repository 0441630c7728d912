import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { listEvents } from '../server/store/events.ts';
import { listResponses } from '../server/store/responses.ts';
import {
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

// Self-service on the page: the plan selector, the forms and the survey, each round-tripping to the store.
describe('self-service on the page (real Chromium, real API)', () => {
  it('a plan chosen on the page reaches the pay URL with the plan', async () => {
    const { page } = await openPhone(site, site.open[2]!.token);
    await waitForPersonal(page);
    const labels = await page.$$eval('.plan-option label', (all) => all.map((label) => label.textContent));
    expect(labels).toEqual([
      '3 rate mensili da 333.333,34\u00a0€',
      '6 rate mensili da 166.666,67\u00a0€',
      '12 rate mensili da 83.333,34\u00a0€',
    ]);
    expect(await page.$eval('#plan-12-schedule', (element) => element.textContent)).toMatch(
      /ultima da 83\.333,26\u00a0€/,
    );
    await page.click('label[for="plan-12"]');
    await Promise.all([page.waitForNavigation(), page.click('#plan-pay')]);
    const landed = new URL(page.url());
    expect(Object.fromEntries(landed.searchParams)).toMatchObject({
      shop: 'kindly',
      intent: 'plan',
      plan: '12',
      ref: site.open[2]!.payRef,
    });
    // Due 2027-04-30: while that is ahead, the first instalment is not before it (else 14 days from today).
    const soonest = new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10);
    expect(landed.searchParams.get('first_payment')).toBe(soonest > '2027-04-30' ? soonest : '2027-04-30');
    // The demo checkout speaks the page's language, shows the plan chosen and leads back to the page.
    expect(await page.$eval('main', (element) => element.dataset.plan)).toBe('12');
    expect(await page.$eval('html', (element) => element.lang)).toBe('it-IT');
    expect(await page.$eval('.facts', (element) => element.textContent)).toContain(
      '12 rate mensili da 83.333,34\u00a0€',
    );
    await Promise.all([page.waitForNavigation(), page.click('a.button.primary')]);
    expect(page.url()).toBe(`${site.base}/r/${site.open[2]!.token}/`);
    expect(await waitForEvents(site, 'open', 'CUST-1003', 'plan_chosen')).toEqual(
      expect.arrayContaining(['click_plan', 'plan_chosen']),
    );
    await page.close();
  }, 60_000);

  it('a zh-TW page in TWD shows NT$ and whole dollars in its facts and plans, as Chromium formats them', async () => {
    const { page } = await openPhone(site, site.open[6]!.token);
    await waitForPersonal(page);
    expect(await page.$eval('.facts .amount', (element) => element.textContent)).toBe('NT$12,500');
    const labels = await page.$$eval('.plan-option label', (all) => all.map((label) => label.textContent));
    expect(labels).toEqual(['分 3 期，每期 NT$4,167', '分 6 期，每期 NT$2,084', '分 12 期，每期 NT$1,042']);
    const schedule = await page.$eval('#plan-3-schedule', (element) => element.textContent);
    expect(schedule).toContain('末期 NT$4,166');
    // Due 2027-04-10: the page's plans start then, not 14 days from today, while that date is ahead.
    if (new Date(Date.now() + 14 * 86_400_000).toISOString().slice(0, 10) < '2027-04-10')
      expect(schedule).toMatch(/^首期 2027年4月10日/);
    expect(await page.$eval('#personal', (element) => element.textContent)).not.toMatch(/\$12,500\.00|\.00/);
    await page.close();
  }, 60_000);

  it('each form round-trips to the store, and the survey shown after it stores its answer (an en-GB record)', async () => {
    const { page, problems } = await openPhone(site, site.open[3]!.token);
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
    expect(await page.$eval('#form-paid .form-status', (element) => element.textContent)).toBe(
      'Thank you: we have received it.',
    );
    expect(await page.$eval('#survey', (element) => (element as HTMLElement).hidden)).toBe(false);

    await page.click('#form-dispute summary');
    await page.select('#dispute-reason', 'not_mine');
    await page.type('#dispute-details', 'Non ho mai avuto <b>questo</b> contratto');
    await page.click('#form-dispute button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#form-dispute .form-status')?.textContent !== '');

    await page.click('#form-callback summary');
    await page.type('#callback-phone', '+39 347 000 1111');
    await page.$eval('#callback-date', (input, value) => ((input as HTMLInputElement).value = value), tomorrow);
    await page.select('#callback-window', 'afternoon');
    await page.click('#form-callback button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#form-callback .form-status')?.textContent !== '');

    await page.click('#survey input[value="4"]');
    await page.type('#survey-comment', 'Clear');
    await page.click('#survey button[type="submit"]');
    await page.waitForFunction(
      () => document.querySelector('#survey .form-status')?.textContent === 'Thank you for your answer.',
    );

    const responses = await listResponses({ db: site.db, campaignId: 'open', limit: 100 });
    expect(
      responses
        .filter((response) => response.recordId === 'CUST-1004')
        .map((response) => [response.kind, response.data]),
    ).toEqual([
      ['survey', { score: 4, comment: 'Clear', shownAfter: 'cta', scale: '1-5' }],
      ['callback', { phone: '+393470001111', preferredDate: tomorrow, preferredWindow: 'afternoon' }],
      ['dispute', { reason: 'not_mine', details: 'Non ho mai avuto <b>questo</b> contratto' }],
      ['paid', { paidOn: today, reference: 'CRO 0042' }],
    ]);
    expect(await listEvents({ db: site.db, campaignId: 'open', recordId: 'CUST-1004' })).toEqual(
      expect.arrayContaining(['form_paid', 'form_dispute', 'form_callback', 'survey']),
    );
    expect(problems).toEqual([]);
    await page.close();
  }, 60_000);

  it('a bad form answer is refused in the page language before it is sent, and the survey also shows at the end of the video', async () => {
    const { page } = await openPhone(site, site.open[4]!.token);
    await waitForPersonal(page);
    await page.click('#form-callback summary');
    await page.type('#callback-phone', 'nope');
    await page.click('#form-callback button[type="submit"]');
    await page.waitForFunction(() => document.querySelector('#form-callback .form-status')?.textContent !== '');
    expect(await page.$eval('#form-callback .form-status', (element) => element.textContent)).toBe(
      'Correggi i campi segnalati e invia di nuovo.',
    );
    expect(await page.$eval('#callback-phone-error', (element) => element.textContent)).toBe(
      'Inserisci un numero di telefono da 6 a 15 cifre; può iniziare con +.',
    );
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
    const answers = (await listResponses({ db: site.db, campaignId: 'open', kind: 'survey', limit: 100 })).filter(
      (response) => response.recordId === 'CUST-1005',
    );
    expect(answers.map((response) => response.data)).toEqual([{ score: 5, shownAfter: 'end', scale: '1-5' }]);
    await page.close();
  }, 60_000);
});
