import { describe, expect, it } from 'vitest';
import { getDeliveryCopy, makeSms } from '../server/delivery/make-sms.ts';
import { makeEmailSnippet } from '../server/delivery/make-email-snippet.ts';
import { createRecordChecker } from '../server/ingest/create-record-checker.ts';
import { makeCaptions } from '../server/render/make-captions.ts';
import { makePersonalPayload } from '../server/render/make-personal-payload.ts';
import { friendlyFinalNotice } from '../templates/friendly-final-notice/definition.ts';
import { formatMinor, formatMoney } from '../templates/format.ts';
import { getCurrencyDigits } from '../templates/get-currency-digits.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { instalmentOffer } from '../templates/instalment-offer/definition.ts';
import { getInstalmentOfferText } from '../templates/instalment-offer/video-text.ts';
import { computePlans } from '../templates/interactive/compute-plans.ts';
import { computeInstalments } from '../templates/plans/compute-instalments.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';

const nb = '\u00a0';
const debt = (fields: Record<string, string>) =>
  instalmentOffer.schema.parse({ id: 'M-1', name: 'Lin', due_date: '2027-04-10', invoice: 'INV-1', ...fields });

describe('one money formatter, in the units people use', () => {
  it('Intl alone writes TWD with cents and a bare "$" in zh-TW; the formatter writes NT$ and whole dollars', () => {
    expect(new Intl.NumberFormat('zh-TW', { style: 'currency', currency: 'TWD' }).format(12500)).toBe('$12,500.00');
    expect(formatMoney({ amount: 12500, currency: 'TWD', locale: 'zh-TW' })).toBe('NT$12,500');
  });

  it('TWD, JPY and HUF in whole units, EUR in cents, in each product locale', () => {
    const expected: Record<string, Record<string, string>> = {
      'zh-TW': { TWD: 'NT$12,500', JPY: '¥12,500', HUF: `HUF${nb}12,500`, EUR: '€12,500.00' },
      'en-GB': { TWD: 'NT$12,500', JPY: 'JP¥12,500', HUF: `HUF${nb}12,500`, EUR: '€12,500.00' },
      'it-IT': { TWD: `12.500${nb}TWD`, JPY: `12.500${nb}JPY`, HUF: `12.500${nb}HUF`, EUR: `12.500,00${nb}€` },
      'fr-FR': {
        TWD: `12${nb}500${nb}TWD`,
        JPY: `12${nb}500${nb}JPY`,
        HUF: `12${nb}500${nb}HUF`,
        EUR: `12${nb}500,00${nb}€`,
      },
    };
    for (const [locale, byCurrency] of Object.entries(expected)) {
      for (const [currency, text] of Object.entries(byCurrency))
        expect(formatMoney({ amount: 12500, currency, locale }), `${locale} ${currency}`).toBe(text);
    }
    expect([
      getCurrencyDigits('TWD'),
      getCurrencyDigits('jpy'),
      getCurrencyDigits('KRW'),
      getCurrencyDigits('HUF'),
      getCurrencyDigits('CLP'),
      getCurrencyDigits('ISK'),
    ]).toEqual([0, 0, 0, 0, 0, 0]);
    expect([
      getCurrencyDigits('EUR'),
      getCurrencyDigits('GBP'),
      getCurrencyDigits('CHF'),
      getCurrencyDigits('BHD'),
    ]).toEqual([2, 2, 2, 3]);
    expect(formatMinor({ amountMinor: 4167, currency: 'TWD', locale: 'zh-TW' })).toBe('NT$4,167');
    expect(formatMinor({ amountMinor: 416_667, currency: 'EUR', locale: 'en-GB' })).toBe('€4,166.67');
  });

  it('an amount finer than its currency is written is refused at ingest, naming both roundings', () => {
    const check = createRecordChecker({
      template: instalmentOffer,
      encoding: 'utf-8',
    });
    const row = {
      id: 'T-1',
      name: 'Lin',
      amount: '12500.5',
      currency: 'TWD',
      due_date: '2027-04-10',
      invoice: 'I-1',
      locale: 'zh-TW',
    };
    expect(check({ row: 2, values: row })).toEqual({
      kind: 'rejected',
      row: 2,
      issues: [
        {
          field: 'amount',
          value: '12500.5',
          reason: 'amount has decimals, but TWD is paid in whole units; round it to 12500 or 12501',
        },
      ],
    });
    expect(check({ row: 3, values: { ...row, id: 'T-2', amount: '12500' } }).kind).toBe('accepted');
    expect(check({ row: 4, values: { ...row, id: 'T-3', amount: '12500.5', currency: 'EUR' } }).kind).toBe('accepted');
  });

  it('decimals and the ceiling follow the currency: fils for BHD, whole rupiah, and absurd amounts refused in every unit', () => {
    // Both templates' schemas refine the amount: the reference one (instalment-offer) and gentle-reminder's own.
    for (const template of [instalmentOffer, gentleReminder] as unknown as TemplateDefinition[]) {
      const check = createRecordChecker({ template, encoding: 'utf-8' });
      const row = {
        id: 'M-1',
        name: 'Salman',
        amount: '12.345',
        currency: 'BHD',
        due_date: '2027-04-10',
        invoice: 'I-1',
        locale: 'en-GB',
      };
      const reasons = (values: Record<string, string>) => {
        const event = check({ row: 2, values: { ...row, ...values, id: `M-${values.amount}-${values.currency}` } });
        return event.kind === 'accepted'
          ? { accepted: (event.record as { amount?: number }).amount }
          : { rejected: event.issues.map((issue) => `${issue.field} ${issue.value}: ${issue.reason}`) };
      };
      expect(reasons({ amount: '12.345', currency: 'BHD' })).toEqual({ accepted: 12.345 });
      expect(reasons({ amount: '12.3456', currency: 'BHD' })).toEqual({
        rejected: ['amount 12.3456: amount has more than 3 decimals for BHD; round it to 12.346'],
      });
      expect(reasons({ amount: '12.3456', currency: 'EUR' })).toEqual({
        rejected: ['amount 12.3456: amount has more than 2 decimals for EUR; round it to 12.35'],
      });
      // One mark before three digits is fils in a three-decimal currency, thousands elsewhere.
      expect(reasons({ amount: '12,345', currency: 'tnd' })).toEqual({ accepted: 12.345 });
      expect(reasons({ amount: '12.345', currency: 'EUR' })).toEqual({ accepted: 12_345 });
      expect(reasons({ amount: '1.234,567', currency: 'KWD' })).toEqual({ accepted: 1234.567 });
      expect(reasons({ amount: '1,234.5', currency: 'OMR' })).toEqual({ accepted: 1234.5 });
      expect(reasons({ amount: '1234', currency: 'JOD' })).toEqual({ accepted: 1234 });
      expect(reasons({ amount: '50.000.000', currency: 'IDR' })).toEqual({ accepted: 50_000_000 });
      expect(reasons({ amount: '50000000', currency: 'VND' })).toEqual({ accepted: 50_000_000 });
      expect(reasons({ amount: '250000000', currency: 'KRW' })).toEqual({ accepted: 250_000_000 });
      expect(reasons({ amount: '10000000', currency: 'EUR' })).toEqual({ accepted: 10_000_000 });
      // The ceiling is 10^12 of the smallest unit in use: the same count of units, a different amount per currency.
      expect(reasons({ amount: '999999999999', currency: 'IDR' })).toEqual({ accepted: 999_999_999_999 });
      expect(reasons({ amount: '1000000000000', currency: 'IDR' })).toEqual({
        rejected: [
          'amount 1000000000000: amount is above 999999999999, the most a debt in IDR may be (10^12 of its smallest unit in use); check the column and the decimal separator',
        ],
      });
      expect(reasons({ amount: '10000000000', currency: 'EUR' })).toEqual({
        rejected: [
          'amount 10000000000: amount is above 9999999999.99, the most a debt in EUR may be (10^12 of its smallest unit in use); check the column and the decimal separator',
        ],
      });
      expect(reasons({ amount: '1000000000', currency: 'BHD' })).toEqual({
        rejected: [
          'amount 1000000000: amount is above 999999999.999, the most a debt in BHD may be (10^12 of its smallest unit in use); check the column and the decimal separator',
        ],
      });
      expect(reasons({ amount: '1e308', currency: 'EUR' }).rejected).toHaveLength(1);
    }
  });
});

describe('the video, its captions and the page say the same money', () => {
  it('gentle-reminder: the video text, captions and page facts of the zh-TW record read NT$12,500', () => {
    const record = gentleReminder.schema.parse(gentleReminder.examples.find((example) => example.currency === 'TWD'));
    const captions = makeCaptions({ cues: gentleReminder.getCues(record), fps: gentleReminder.fps });
    expect(captions).toContain('NT$12,500 · ');
    expect(captions).not.toMatch(/12,500\.00/);
    const { content, page } = makePersonalPayload({
      template: gentleReminder,
      record,
    });
    expect(content.facts.amount).toBe('NT$12,500');
    expect(page).toMatchObject({ amount: 12500, currency: 'TWD', dueDate: '2027-04-10' });
  });

  it('friendly-final-notice: NT$125,000 in the facts and captions', () => {
    const record = friendlyFinalNotice.schema.parse(
      friendlyFinalNotice.examples.find((example) => example.currency === 'TWD'),
    );
    expect(makePersonalPayload({ template: friendlyFinalNotice, record }).content.facts.amount).toBe('NT$125,000');
    expect(makeCaptions({ cues: friendlyFinalNotice.getCues(record), fps: 30 })).toContain('NT$125,000');
  });

  it('instalment-offer: the plans the video shows are whole dollars, yen and forints, and the same as the page computes', () => {
    const cases = [
      {
        fields: { amount: '12500', currency: 'TWD', locale: 'zh-TW' },
        plans: ['分 3 期，每期 NT$4,167', '分 6 期，每期 NT$2,084', '分 12 期，每期 NT$1,042'],
        total: 'NT$12,500',
      },
      {
        fields: { amount: '10000', currency: 'JPY', locale: 'en-GB' },
        plans: ['3 payments of JP¥3,334', '6 payments of JP¥1,667', '12 payments of JP¥834'],
        total: 'JP¥10,000',
      },
      {
        fields: { amount: '100000', currency: 'HUF', locale: 'fr-FR' },
        plans: [
          `3 mensualités de 33${nb}334${nb}HUF`,
          `6 mensualités de 16${nb}667${nb}HUF`,
          `12 mensualités de 8${nb}334${nb}HUF`,
        ],
        total: `100${nb}000${nb}HUF`,
      },
      {
        fields: { amount: '1234.50', currency: 'EUR', locale: 'it-IT' },
        plans: [`3 rate da 411,50${nb}€`, `6 rate da 205,75${nb}€`, `12 rate da 102,88${nb}€`],
        total: `1234,50${nb}€`,
      },
    ];
    for (const { fields, plans, total } of cases) {
      const record = debt(fields);
      const text = getInstalmentOfferText(record);
      expect(text.personal.plans, fields.currency).toEqual(plans);
      expect(text.facts.amount).toBe(total);
      const captions = makeCaptions({ cues: instalmentOffer.getCues(record), fps: 30 });
      expect(captions).toContain(`${total}\n${plans.join(' · ')}`);
      // The page's selector (the same code, bundled for the browser) offers the same instalments.
      const { page } = makePersonalPayload({ template: instalmentOffer, record });
      const offered = computePlans({
        amount: page.amount!,
        currency: page.currency,
        rules: page.planRules,
        today: '2027-01-04',
        dueDate: page.dueDate,
      });
      const video = computeInstalments({
        amount: record.amount,
        currency: record.currency,
        months: [3, 6, 12],
        minimumInstalment: 25,
      });
      expect(
        offered.map((plan) =>
          formatMinor({ amountMinor: plan.instalments[0]!.amountMinor, currency: page.currency, locale: page.locale }),
        ),
      ).toEqual(
        video.map((plan) => formatMoney({ amount: plan.instalment, currency: record.currency, locale: record.locale })),
      );
    }
  });

  it('the SMS and the e-mail carry no amount at all (personal data stays behind the link), in any currency', () => {
    const record = gentleReminder.schema.parse(gentleReminder.examples.find((example) => example.currency === 'TWD'));
    const url = 'https://v.example.com/r/AbCdEfGhIjKlMnOpQrStUv/';
    const sms = makeSms({ locale: record.locale, url, brand: 'Aurora Energia' });
    const email = makeEmailSnippet({
      url,
      thumbnailUrl: `${url}thumb.gif`,
      optOutUrl: 'https://t.example.com/o',
      copy: getDeliveryCopy(record.locale),
      width: 480,
      height: 270,
    });
    for (const text of [sms.text, email]) {
      expect(text).not.toMatch(/12,?500|NT\$|TWD/);
      expect(text).not.toContain(record.name);
    }
  });
});
