import { describe, expect, it } from 'vitest';
import { listEvents } from '../server/store/events.ts';
import { ensureGateShare } from '../server/store/gate.ts';
import { formatMinor } from '../templates/format.ts';
import { computePlans } from '../templates/interactive/compute-plans.ts';
import { defaultPlanRules } from '../templates/interactive/plan-rules.ts';
import { apiKey, useInteractiveApp } from './helpers/interactive-app.ts';

const t = useInteractiveApp();
const { post } = t;
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('instalment plans', () => {
  it('splits the amount in minor units, rounded up, the last instalment taking the remainder, monthly from the first payment date', () => {
    const plans = computePlans({ amount: 1234.5, currency: 'EUR', rules: defaultPlanRules, today: '2027-01-31' });
    expect(plans.map((plan) => plan.months)).toEqual([3, 6, 12]);
    expect(plans[0]!.instalments).toEqual([
      { dueDate: '2027-02-14', amountMinor: 41150 },
      { dueDate: '2027-03-14', amountMinor: 41150 },
      { dueDate: '2027-04-14', amountMinor: 41150 },
    ]);
    const twelve = plans[2]!.instalments;
    expect(twelve.slice(0, 11).every((instalment) => instalment.amountMinor === 10288)).toBe(true);
    expect(twelve[11]).toEqual({ dueDate: '2028-01-14', amountMinor: 10282 });
    expect(twelve.reduce((sum, instalment) => sum + instalment.amountMinor, 0)).toBe(123450);
    expect(formatMinor({ amountMinor: 10287, currency: 'EUR', locale: 'it-IT' })).toBe('102,87\u00a0€');
  });

  it('offers only plans whose instalment reaches the minimum, keeps month ends, and knows currencies without cents', () => {
    expect(
      computePlans({ amount: 89.9, currency: 'GBP', rules: defaultPlanRules, today: '2027-01-01' }).map(
        (plan) => plan.months,
      ),
    ).toEqual([3]);
    expect(computePlans({ amount: 40, currency: 'EUR', rules: defaultPlanRules, today: '2027-01-01' })).toEqual([]);
    const monthEnds = computePlans({
      amount: 300,
      currency: 'EUR',
      rules: { months: [3], minimumInstalment: 10, firstPaymentInDays: 0 },
      today: '2027-01-31',
    });
    expect(monthEnds[0]!.instalments.map((instalment) => instalment.dueDate)).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
    ]);
    const yen = computePlans({
      amount: 10000,
      currency: 'JPY',
      rules: { months: [3], minimumInstalment: 1000, firstPaymentInDays: 0 },
      today: '2027-01-01',
    });
    expect(yen[0]!.instalments.map((instalment) => instalment.amountMinor)).toEqual([3334, 3334, 3332]);
  });
});

describe('pay with a plan', () => {
  it('passes the chosen plan to the pay URL (first payment in 14 days, not before the due date 2027-03-15) and records plan_chosen', async () => {
    const [maria] = t.open;
    const response = await t.app.inject({ method: 'GET', url: `/t/c/${maria!.token}/pay?plan=6` });
    expect(response.statusCode).toBe(302);
    const location = new URL(response.headers.location as string);
    expect(`${location.origin}${location.pathname}`).toBe('https://pay.example.com/checkout');
    expect(Object.fromEntries(location.searchParams)).toEqual({
      shop: '1',
      ref: maria!.payRef,
      intent: 'plan',
      plan: '6',
      first_payment: [inDays(14), '2027-03-15'].sort().at(-1),
    });
    expect(await listEvents({ db: t.db, campaignId: 'open', recordId: maria!.recordId })).toEqual([
      'click_plan',
      'plan_chosen',
    ]);
  });

  it('refuses a plan the rules do not offer for this amount, naming the ones they do', async () => {
    const [maria, oliver] = t.open;
    const long = await t.app.inject({ method: 'GET', url: `/t/c/${maria!.token}/pay?plan=24` });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({
      error: 'This payment plan is not offered for this link',
      value: '"24"',
      fix: 'Choose one of 3, 6, 12 months',
    });
    // 89.90 GBP in 6 months would be below the 25 minimum instalment.
    const small = await t.app.inject({ method: 'GET', url: `/t/c/${oliver!.token}/pay?plan=6` });
    expect(small.json()).toMatchObject({ fix: 'Choose one of 3 months' });
    const words = await t.app.inject({ method: 'GET', url: `/t/c/${maria!.token}/pay?plan=six` });
    expect(words.statusCode).toBe(400);
    expect(words.json().error).toMatch(/plan is not valid: plan must be a number of months/);
    expect(await listEvents({ db: t.db, campaignId: 'open', recordId: oliver!.recordId })).toEqual([]);
  });
});

describe('privacy gate', () => {
  it('gives the key share only for the right answer, in any spelling, and records gate_passed', async () => {
    const [first] = t.gated;
    const wrong = await post(`/t/g/${first!.token}`, { answer: 'SW1A 2AA' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: 'The answer does not match', value: '"4 tries left"' });
    expect(wrong.body).not.toContain('SW1A 1AA');
    const right = await post(`/t/g/${first!.token}`, { answer: 'sw1a1aa' });
    expect(right.statusCode).toBe(200);
    expect(right.json().share).toBe(await ensureGateShare({ db: t.db, token: first!.token }));
    expect(await listEvents({ db: t.db, campaignId: 'gated', recordId: first!.recordId })).toEqual(['gate_passed']);
  });

  it('locks a link after five wrong answers in 15 minutes, even for the right one; other links stay open', async () => {
    const [, second, third] = t.gated;
    for (let attempt = 0; attempt < 5; attempt += 1)
      expect((await post(`/t/g/${second!.token}`, { answer: `X${attempt}` })).statusCode).toBe(403);
    const locked = await post(`/t/g/${second!.token}`, { answer: 'SW1A 1AA' });
    expect(locked.statusCode).toBe(429);
    expect(locked.json()).toMatchObject({
      error: 'Too many wrong answers for this link',
      fix: 'Wait 15 minutes and try again',
    });
    expect((await post(`/t/g/${third!.token}`, { answer: 'SW1A 1AA' })).statusCode).toBe(200);
  });

  it('is chosen per campaign among the template fields', async () => {
    const create = (privacyGate: unknown) =>
      t.app.inject({
        method: 'POST',
        url: '/api/campaigns',
        headers: { authorization: `Bearer ${apiKey}` },
        payload: {
          id: `gate-${Math.random().toString(36).slice(2, 8)}`,
          template: 'gentle-reminder',
          payUrl: 'https://pay.example.com/c',
          privacyGate,
        },
      });
    const unknown = await create({ field: 'shoe_size' });
    expect(unknown.statusCode).toBe(400);
    expect(unknown.json()).toMatchObject({
      error: 'privacyGate.field is not a field of the template',
      value: '"shoe_size"',
    });
    expect(unknown.json().fix).toMatch(/^Use one of id, name, .*postcode/);
    const created = await create({ field: 'postcode' });
    expect(created.statusCode).toBe(201);
    expect(created.json().privacyGate).toEqual({ field: 'postcode' });
  });

  it('has no gate to answer on a campaign without one', async () => {
    const response = await post(`/t/g/${t.open[0]!.token}`, { answer: 'anything' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('This page has no privacy gate');
  });
});
