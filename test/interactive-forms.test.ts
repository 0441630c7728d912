import { describe, expect, it } from 'vitest';
import { listEvents } from '../server/store/events.ts';
import { apiKey, useInteractiveApp } from './helpers/interactive-app.ts';

const t = useInteractiveApp();
const { post } = t;
const today = new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

describe('self-service forms and the survey', () => {
  it('stores each form, records its event, and lists them per campaign behind the key', async () => {
    const [maria, oliver] = t.open;
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

    expect((await t.app.inject({ method: 'GET', url: '/api/campaigns/open/responses' })).statusCode).toBe(401);
    const listed = await t.app.inject({
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
    const surveys = await t.app.inject({
      method: 'GET',
      url: '/api/campaigns/open/responses?kind=survey',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(surveys.json().responses).toHaveLength(1);
    const csv = await t.app.inject({
      method: 'GET',
      url: '/api/campaigns/open/responses.csv',
      headers: { authorization: `Bearer ${apiKey}` },
    });
    expect(csv.body.split('\n')[0]).toBe(
      'id,record_id,kind,created_at,status,handled_by,handled_key,handled_at,data,hold_released_by,hold_released_key,hold_released_at',
    );
    expect(csv.body).toContain(',CUST-1002,callback,');
    expect(await listEvents({ db: t.db, campaignId: 'open', recordId: 'CUST-1002' })).toEqual([
      'form_callback',
      'survey',
    ]);
  });

  it('refuses bad answers with the field, the value and the fix, and stores nothing', async () => {
    const token = t.open[2]!.token;
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
    expect(await listEvents({ db: t.db, campaignId: 'open', recordId: t.open[2]!.recordId })).toEqual([]);
  });

  it('names the refused field and why, for the page to word it in its own language', async () => {
    const token = t.open[2]!.token;
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
    const token = t.open[3]!.token;
    expect((await post('/t/e', { token, type: 'click_hotspot', hotspot: 'outro-pay' })).statusCode).toBe(204);
    for (const type of ['form_paid', 'plan_chosen', 'gate_passed', 'survey'])
      expect((await post('/t/e', { token, type })).statusCode).toBe(400);
    expect(await listEvents({ db: t.db, campaignId: 'open', recordId: t.open[3]!.recordId })).toEqual([
      'click_hotspot',
    ]);
  });
});
