import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { eraseRecipient } from '../server/publish/erase-recipient.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { listResponses } from '../server/store/responses.ts';
import {
  noHorizontalScroll,
  openInteractiveSite,
  openPhone,
  playAt,
  waitForPersonal,
  type InteractiveSite,
} from './helpers/interactive-site.ts';
import { developerText, locales } from './helpers/form-language-expectations.ts';
import { isShown, readField, retype, setDate, statusOf, submit } from './helpers/form-controls.ts';

let site: InteractiveSite;
beforeAll(async () => {
  // A low limit on the form route lets the last test reach it with a few dozen posts.
  site = await openInteractiveSite({ trackingRateLimit: 30 });
}, 300_000);
afterAll(() => site?.close());

const tokenOf = (recordId: string) => site.open.find((recipient) => recipient.recordId === recordId)!.token;

describe('forms speak the page language (real Chromium, the real page and API)', () => {
  for (const expected of locales) {
    it(`${expected.locale}: checks before posting, in the page's language, announced; then sends, thanks and stops pushing payment`, async () => {
      const token = tokenOf(expected.recordId);
      const { page, problems } = await openPhone(site, token);
      await waitForPersonal(page);
      expect(await page.$eval('html', (html) => html.lang)).toBe(expected.locale);
      const postedBefore = site.posts.filter((url) => url.startsWith('/t/f/')).length;
      const formPosts = () => site.posts.filter((url) => url.startsWith('/t/f/')).slice(postedBefore);

      await page.click('#form-callback summary');
      // Required fields are marked in words and for assistive technology; the phone comes from the record.
      expect(await page.$eval('label[for="callback-date"]', (label) => label.textContent)).toContain(expected.required);
      expect(await page.$eval('label[for="callback-phone"]', (label) => label.textContent)).toContain(
        expected.required,
      );
      expect(
        await page.$eval('#callback-date', (input) => [
          (input as HTMLInputElement).required,
          input.getAttribute('aria-required'),
        ]),
      ).toEqual([true, 'true']);
      expect(
        await page.$eval('#paid-reference', (input) => [
          (input as HTMLInputElement).required,
          input.getAttribute('aria-required'),
        ]),
      ).toEqual([false, null]);
      expect(await page.$eval('#callback-phone', (input) => (input as HTMLInputElement).value)).toBe(expected.phone);

      // An invalid phone and an empty day: both marked, the first focused, the status says what to do, nothing posted.
      await retype(page, '#callback-phone', '12ab');
      await submit(page, 'form-callback');
      await page.waitForFunction(
        () => document.getElementById('callback-phone')?.getAttribute('aria-invalid') === 'true',
      );
      expect(await readField(page, '#callback-phone')).toEqual({ invalid: 'true', message: expected.phoneInvalid });
      expect(await readField(page, '#callback-date')).toEqual({ invalid: 'true', message: expected.fieldRequired });
      expect(await statusOf(page, 'form-callback')).toEqual({
        text: expected.checkFields,
        role: 'status',
        live: 'polite',
      });
      expect(await page.evaluate(() => document.activeElement?.id)).toBe('callback-phone');

      // A payment in the future, then none at all.
      await page.click('#form-paid summary');
      const inTenDays = await page.evaluate(() => new Date(Date.now() + 10 * 86_400_000).toISOString().slice(0, 10));
      await setDate(page, '#paid-date', inTenDays);
      await submit(page, 'form-paid');
      await page.waitForFunction(() => document.getElementById('paid-date')?.getAttribute('aria-invalid') === 'true');
      expect(await readField(page, '#paid-date')).toEqual({ invalid: 'true', message: expected.paidFuture });
      await setDate(page, '#paid-date', '');
      await submit(page, 'form-paid');
      await page.waitForFunction(
        (text) => document.getElementById('paid-date-error')?.textContent === text,
        {},
        expected.fieldRequired,
      );
      expect(await readField(page, '#paid-date')).toEqual({ invalid: 'true', message: expected.fieldRequired });
      expect(await page.$eval('#personal-sections', (sections) => (sections as HTMLElement).innerText)).not.toMatch(
        developerText,
      );
      expect(formPosts()).toEqual([]);

      // Corrected: the mark goes as the phone is fixed, and the request is sent and stored.
      await retype(page, '#callback-phone', '+39 (02) 1234-5678');
      expect(await readField(page, '#callback-phone')).toEqual({ invalid: null, message: '' });
      const firstDay = await page.$eval('#callback-date', (input) => input.getAttribute('min') ?? '');
      await setDate(page, '#callback-date', firstDay);
      await submit(page, 'form-callback');
      await page.waitForFunction(
        (text) => document.querySelector('#form-callback .form-status')?.textContent === text,
        {},
        expected.sent,
      );
      expect(formPosts()).toEqual([`/t/f/${token}/callback`]);

      // "I already paid" today: thanks, Pay now and the plans step back, a quiet link stays.
      expect(await isShown(page, 'a.button.primary[data-cta="pay"]')).toBe(true);
      const today = await page.$eval('#paid-date', (input) => input.getAttribute('max') ?? '');
      await setDate(page, '#paid-date', today);
      await submit(page, 'form-paid');
      await page.waitForFunction(
        (text) => document.querySelector('#form-paid .form-status')?.textContent === text,
        {},
        expected.sent,
      );
      expect(formPosts()).toEqual([`/t/f/${token}/callback`, `/t/f/${token}/paid`]);
      // Newest first, as the operator's inbox lists them.
      const stored = (await listResponses({ db: site.db, campaignId: 'open', limit: 100 })).filter(
        (response) => response.recordId === expected.recordId,
      );
      expect(stored.map((response) => [response.kind, response.data])).toEqual([
        ['paid', { paidOn: today }],
        ['callback', { phone: '+390212345678', preferredDate: firstDay, preferredWindow: 'morning' }],
      ]);

      const quiet = async () => {
        expect(await page.$eval('#paid-thanks h2', (heading) => heading.textContent)).toBe(expected.thanks);
        expect(await isShown(page, '#paid-thanks')).toBe(true);
        expect(await isShown(page, 'a.button.primary[data-cta="pay"]')).toBe(false);
        expect(await isShown(page, '#plans')).toBe(false);
        expect(
          await page.$eval('#paid-thanks a[data-cta="pay"]', (link) => [link.textContent, link.className]),
        ).toEqual([expected.payAnyway, 'quiet-link']);
        // At the end of the video, where Pay now and the plans would show over it, only the other actions do.
        await playAt(page, 12, 'outro-callback');
        const visible = await page.$$eval('[data-hotspot]', (all) =>
          all
            .filter((hotspot) => (hotspot as HTMLElement).offsetParent !== null)
            .map((hotspot) => (hotspot as HTMLElement).dataset.action),
        );
        expect(visible).toContain('callback');
        expect(visible).not.toContain('pay');
        expect(visible).not.toContain('plan');
      };
      await quiet();
      // The plans stay one tap away.
      await page.click('#paid-thanks .link-button');
      expect(await isShown(page, '#plans')).toBe(true);

      // The next visit on this device remembers it.
      await page.reload({ waitUntil: 'domcontentloaded' });
      await waitForPersonal(page);
      await quiet();
      // On the narrowest phones too: nothing runs off the side, and the quiet actions are still a thumb's size.
      await page.setViewport({ width: 320, height: 640, isMobile: true, hasTouch: true });
      expect(await noHorizontalScroll(page)).toBe(true);
      expect(
        await page.$$eval('#paid-thanks .quiet-actions > *', (all) =>
          all.map((action) => action.getBoundingClientRect().height >= 44),
        ),
      ).toEqual([true, true]);
      // One key per claimed link (these pages share an origin), named by a hash: no link, nothing personal.
      const keys = await page.evaluate(() => Object.keys(localStorage));
      expect(keys).toHaveLength(locales.indexOf(expected) + 1);
      for (const key of keys) expect(key).toMatch(/^kindly\.paid-claim\.[0-9a-f]{8}$/);
      expect(await page.evaluate(() => JSON.stringify(localStorage))).not.toContain(token);
      expect(problems).toEqual([]);
      await page.close();
    }, 120_000);
  }

  it('a link erased while its page is open, and a phone gone offline: each says so in the page language', async () => {
    const erased = await openPhone(site, tokenOf('CUST-1003'));
    await waitForPersonal(erased.page);
    await eraseRecipient({
      db: site.db,
      publisher: openLocalPublisher({ root: site.siteDir }),
      campaignId: 'open',
      recordId: 'CUST-1003',
    });
    await erased.page.click('#form-dispute summary');
    await submit(erased.page, 'form-dispute');
    await erased.page.waitForFunction(() => document.querySelector('#form-dispute .form-status')?.textContent !== '');
    expect((await statusOf(erased.page, 'form-dispute')).text).toBe(
      'Questo link non è più attivo, quindi non abbiamo potuto riceverlo. Contattaci usando i recapiti indicati sulla fattura.',
    );
    await erased.page.close();

    const offline = await openPhone(site, tokenOf('CUST-1004'));
    await waitForPersonal(offline.page);
    await offline.page.setOfflineMode(true);
    await offline.page.click('#form-dispute summary');
    await submit(offline.page, 'form-dispute');
    await offline.page.waitForFunction(() => document.querySelector('#form-dispute .form-status')?.textContent !== '');
    expect((await statusOf(offline.page, 'form-dispute')).text).toBe(
      'We could not send this just now. Please check your connection and try again in a moment.',
    );
    await offline.page.setOfflineMode(false);
    // Back online, the same form sends.
    await submit(offline.page, 'form-dispute');
    await offline.page.waitForFunction(
      () => document.querySelector('#form-dispute .form-status')?.textContent === 'Thank you: we have received it.',
    );
    await offline.page.close();
  }, 120_000);

  it('a refusal by the server (too many sends) shows its message in each language, and nothing is stored', async () => {
    // Uses up the form route's limit for this address, as a burst of posts would.
    const exhaustLimit = async () => {
      for (let attempt = 0; attempt < 40; attempt += 1) {
        const response = await fetch(`${site.base}/t/f/${tokenOf('CUST-1005')}/dispute`, {
          method: 'POST',
          headers: { 'content-type': 'text/plain' },
          body: JSON.stringify({ reason: 'other' }),
        });
        if (response.status === 429) return;
      }
      throw new Error('the form route never refused: is the rate limit on?');
    };
    for (const expected of locales) {
      const { page } = await openPhone(site, tokenOf(expected.recordId));
      await waitForPersonal(page);
      await page.click('#form-dispute summary');
      await page.select('#dispute-reason', 'wrong_amount');
      await exhaustLimit();
      await submit(page, 'form-dispute');
      await page.waitForFunction(() => document.querySelector('#form-dispute .form-status')?.textContent !== '');
      expect((await statusOf(page, 'form-dispute')).text).toBe(expected.rateLimited);
      // The form stays, to send again later.
      expect(await isShown(page, '#form-dispute form')).toBe(true);
      await page.close();
    }
    const disputes = await listResponses({ db: site.db, campaignId: 'open', kind: 'dispute', limit: 100 });
    expect(disputes.filter((response) => !['CUST-1005', 'CUST-1004'].includes(response.recordId))).toEqual([]);
  }, 180_000);
});
