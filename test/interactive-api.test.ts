import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import type { Db } from '../server/store/db.ts';
import { listEvents } from '../server/store/events.ts';
import { ensureGateShare } from '../server/store/gate.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { formatMinor } from '../templates/format.ts';
import { computePlans } from '../templates/interactive/compute-plans.ts';
import { defaultPlanRules } from '../templates/interactive/plan-rules.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';

const apiKey = 'test-key-0123456789abcdef';
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let open: Awaited<ReturnType<typeof seedCampaign>>;
let gated: Awaited<ReturnType<typeof seedCampaign>>;
const today = new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

beforeAll(async () => {
  temp = await makeTempDir('interactive-api');
  db = await openEmbeddedStore({ dataDir: temp.dir });
  open = await seedCampaign({
    db,
    id: 'open',
    payUrl: 'https://pay.example.com/checkout?shop=1',
    baseUrl: 'https://pages.example.com',
  });
  gated = await seedCampaign({
    db,
    id: 'gated',
    payUrl: 'https://pay.example.com/checkout',
    baseUrl: 'https://pages.example.com',
  });
  await db.query(`update campaigns set privacy_gate = '{"field":"postcode"}'::jsonb where id = 'gated'`);
  await db.query(`update recipients set data = data || '{"postcode":"SW1A 1AA"}'::jsonb where campaign_id = 'gated'`);
  for (const recipient of gated) await ensureGateShare({ db, token: recipient.token });
  app = await buildApp({ db, apiKey });
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await temp?.remove();
});

const post = (url: string, body: unknown) =>
  app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(body) });

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
    const [maria] = open;
    const response = await app.inject({ method: 'GET', url: `/t/c/${maria!.token}/pay?plan=6` });
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
    expect(await listEvents({ db, campaignId: 'open', recordId: maria!.recordId })).toEqual([
      'click_plan',
      'plan_chosen',
    ]);
  });

  it('refuses a plan the rules do not offer for this amount, naming the ones they do', async () => {
    const [maria, oliver] = open;
    const long = await app.inject({ method: 'GET', url: `/t/c/${maria!.token}/pay?plan=24` });
    expect(long.statusCode).toBe(400);
    expect(long.json()).toMatchObject({
      error: 'This payment plan is not offered for this link',
      value: '"24"',
      fix: 'Choose one of 3, 6, 12 months',
    });
    // 89.90 GBP in 6 months would be below the 25 minimum instalment.
    const small = await app.inject({ method: 'GET', url: `/t/c/${oliver!.token}/pay?plan=6` });
    expect(small.json()).toMatchObject({ fix: 'Choose one of 3 months' });
    const words = await app.inject({ method: 'GET', url: `/t/c/${maria!.token}/pay?plan=six` });
    expect(words.statusCode).toBe(400);
    expect(words.json().error).toMatch(/plan is not valid: plan must be a number of months/);
    expect(await listEvents({ db, campaignId: 'open', recordId: oliver!.recordId })).toEqual([]);
  });
});

describe('self-service forms and the survey', () => {
  it('stores each form, records its event, and lists them per campaign behind the key', async () => {
    const [maria, oliver] = open;
    expect((await post(`/t/f/${maria!.token}/paid`, { paidOn: today, reference: 'BONIFICO 123' })).statusCode).toBe(
      201,
    );
    expect(
      (await post(`/t/f/${maria!.token}/dispute`, { reason: 'wrong_amount', details: 'Ho già pagato metà' }))
        .statusCode,
    ).toBe(201);
    const callback = await post(`/t/f/${oliver!.token}/callback`, {
      phone: '+44 20 7946 0000',
      preferredDate: inDays(2),
      preferredWindow: 'evening',
    });
    expect(callback.statusCode).toBe(201);
    expect(callback.headers['access-control-allow-origin']).toBe('https://pages.example.com');
    expect(
      (await post(`/t/s/${oliver!.token}`, { score: 4, comment: 'Clear, thanks', shownAfter: 'cta' })).statusCode,
    ).toBe(201);

    expect((await app.inject({ method: 'GET', url: '/api/campaigns/open/responses' })).statusCode).toBe(401);
    const listed = await app.inject({
      method: 'GET',
      url: '/api/campaigns/open/responses',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(
      listed
        .json()
        .responses.map((response: { recordId: string; kind: string; data: unknown }) => [
          response.recordId,
          response.kind,
          response.data,
        ]),
    ).toEqual([
      ['CUST-1002', 'survey', { score: 4, comment: 'Clear, thanks', shownAfter: 'cta', scale: '1-5' }],
      ['CUST-1002', 'callback', { phone: '+442079460000', preferredDate: inDays(2), preferredWindow: 'evening' }],
      ['CUST-1001', 'dispute', { reason: 'wrong_amount', details: 'Ho già pagato metà' }],
      ['CUST-1001', 'paid', { paidOn: today, reference: 'BONIFICO 123' }],
    ]);
    const surveys = await app.inject({
      method: 'GET',
      url: '/api/campaigns/open/responses?kind=survey',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(surveys.json().responses).toHaveLength(1);
    const csv = await app.inject({
      method: 'GET',
      url: '/api/campaigns/open/responses.csv',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(csv.body.split('\n')[0]).toBe(
      'id,record_id,kind,created_at,status,handled_by,handled_key,handled_at,data,hold_released_by,hold_released_key,hold_released_at',
    );
    expect(csv.body).toContain(',CUST-1002,callback,');
    expect(await listEvents({ db, campaignId: 'open', recordId: 'CUST-1002' })).toEqual(['form_callback', 'survey']);
  });

  it('refuses bad answers with the field, the value and the fix, and stores nothing', async () => {
    const token = open[2]!.token;
    const cases: [string, unknown, RegExp][] = [
      [`/t/f/${token}/paid`, { paidOn: inDays(10) }, /paidOn is not valid: paidOn is in the future/],
      [`/t/f/${token}/paid`, { paidOn: '15/03/2027' }, /paidOn must be a date like 2027-03-15/],
      [
        `/t/f/${token}/dispute`,
        { reason: 'angry' },
        /reason must be one of not_mine, wrong_amount, service_issue, other/,
      ],
      [
        `/t/f/${token}/callback`,
        { phone: 'call me', preferredDate: inDays(1), preferredWindow: 'morning' },
        /phone is not a phone number/,
      ],
      [
        `/t/f/${token}/callback`,
        { phone: '+390612345678', preferredDate: inDays(-1), preferredWindow: 'morning' },
        /preferredDate is in the past/,
      ],
      [`/t/s/${token}`, { score: 9, shownAfter: 'end' }, /score must be from 1 to 5/],
      [`/t/f/${token}/refund`, {}, /the form must be paid, dispute or callback/],
    ];
    for (const [url, body, message] of cases) {
      const response = await post(url, body);
      expect(response.statusCode, url).toBe(400);
      expect(JSON.stringify(response.json()), url).toMatch(message);
    }
    expect((await post(`/t/f/${'A'.repeat(22)}/paid`, { paidOn: today })).statusCode).toBe(404);
    expect(await listEvents({ db, campaignId: 'open', recordId: open[2]!.recordId })).toEqual([]);
  });

  it('names the refused field and why, for the page to word it in its own language', async () => {
    const token = open[2]!.token;
    const cases: [string, unknown, { field: string; reason: string }][] = [
      ['paid', { paidOn: inDays(10) }, { field: 'paidOn', reason: 'future' }],
      ['paid', { paidOn: inDays(-800) }, { field: 'paidOn', reason: 'too_old' }],
      ['paid', { reference: 'x' }, { field: 'paidOn', reason: 'invalid_type' }],
      ['paid', { paidOn: today, reference: 'a\u0007b' }, { field: 'reference', reason: 'control' }],
      ['dispute', { reason: 'other', details: 'x'.repeat(2001) }, { field: 'details', reason: 'too_big' }],
      [
        'callback',
        { phone: '12ab', preferredDate: inDays(1), preferredWindow: 'morning' },
        { field: 'phone', reason: 'invalid_format' },
      ],
      [
        'callback',
        { phone: '+390612345678', preferredDate: inDays(61), preferredWindow: 'morning' },
        { field: 'preferredDate', reason: 'too_far' },
      ],
      [
        'callback',
        { phone: '+390612345678', preferredDate: inDays(1), preferredWindow: 'night' },
        { field: 'preferredWindow', reason: 'invalid_value' },
      ],
    ];
    for (const [kind, body, expected] of cases) {
      const response = await post(`/t/f/${token}/${kind}`, body);
      expect(response.statusCode, JSON.stringify(body)).toBe(400);
      expect(response.json(), JSON.stringify(body)).toMatchObject(expected);
    }
  });

  it('takes hotspot clicks from the page, but not the events only the server records', async () => {
    const token = open[3]!.token;
    expect((await post('/t/e', { token, type: 'click_hotspot', hotspot: 'outro-pay' })).statusCode).toBe(204);
    for (const type of ['form_paid', 'plan_chosen', 'gate_passed', 'survey'])
      expect((await post('/t/e', { token, type })).statusCode).toBe(400);
    expect(await listEvents({ db, campaignId: 'open', recordId: open[3]!.recordId })).toEqual(['click_hotspot']);
  });
});

describe('privacy gate', () => {
  it('gives the key share only for the right answer, in any spelling, and records gate_passed', async () => {
    const [first] = gated;
    const wrong = await post(`/t/g/${first!.token}`, { answer: 'SW1A 2AA' });
    expect(wrong.statusCode).toBe(403);
    expect(wrong.json()).toMatchObject({ error: 'The answer does not match', value: '"4 tries left"' });
    expect(wrong.body).not.toContain('SW1A 1AA');
    const right = await post(`/t/g/${first!.token}`, { answer: 'sw1a1aa' });
    expect(right.statusCode).toBe(200);
    expect(right.json().share).toBe(await ensureGateShare({ db, token: first!.token }));
    expect(await listEvents({ db, campaignId: 'gated', recordId: first!.recordId })).toEqual(['gate_passed']);
  });

  it('locks a link after five wrong answers in 15 minutes, even for the right one; other links stay open', async () => {
    const [, second, third] = gated;
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
      app.inject({
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
    const response = await post(`/t/g/${open[0]!.token}`, { answer: 'anything' });
    expect(response.statusCode).toBe(404);
    expect(response.json().error).toBe('This page has no privacy gate');
  });
});
