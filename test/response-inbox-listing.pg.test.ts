import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { envKey, openInbox, today, type Inbox, type Listed } from './helpers/open-inbox.ts';
import { storeBackends } from './helpers/store-backends.ts';

// What debtors sent from their pages, as the operator's inbox lists, pages, handles and exports it.
describe.each(storeBackends)('the operator inbox on $name', (backend) => {
  let inbox: Inbox;

  beforeAll(async () => {
    inbox = await openInbox({ backend });
  }, 120_000);

  afterAll(async () => {
    await inbox?.close();
  });

  it('lists what debtors sent newest first, open until an operator marks it handled, with who and when', async () => {
    const { app, as, desk, list, recordOf } = inbox;
    const open = await list('?status=open');
    expect(
      open.responses.map((response) => [
        response.recordId,
        response.kind,
        response.status,
        response.handledBy,
        response.handledAt,
      ]),
    ).toEqual([
      [recordOf(2), 'callback', 'open', null, null],
      [recordOf(1), 'dispute', 'open', null, null],
      [recordOf(0), 'paid', 'open', null, null],
    ]);
    const claim = open.responses[2]!;

    const before = Date.now();
    const handled = await app.inject({
      method: 'POST',
      url: `/api/campaigns/inbox/responses/${claim.id}/handle`,
      headers: as(desk.key),
      payload: { by: '  Anna Rossi ' },
    });
    expect(handled.statusCode).toBe(200);
    const { response } = handled.json() as { response: Listed };
    expect(response).toMatchObject({
      id: claim.id,
      recordId: recordOf(0),
      kind: 'paid',
      status: 'handled',
      handledBy: { name: 'Anna Rossi', key: `ops desk (${desk.id})` },
    });
    expect(Date.parse(response.handledAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(Date.parse(response.handledAt!)).toBeLessThanOrEqual(Date.now() + 1000);

    expect((await list('?status=open')).responses.map((item) => item.kind)).toEqual(['callback', 'dispute']);
    expect((await list('?status=handled')).responses).toEqual([
      expect.objectContaining({
        id: claim.id,
        status: 'handled',
        handledBy: { name: 'Anna Rossi', key: `ops desk (${desk.id})` },
      }),
    ]);
    expect((await list('?kind=paid,dispute')).responses.map((item) => item.kind)).toEqual(['dispute', 'paid']);

    // A second click elsewhere does not rewrite who handled it first.
    const again = await app.inject({
      method: 'POST',
      url: `/api/campaigns/inbox/responses/${claim.id}/handle`,
      headers: as(envKey),
    });
    expect(again.json().response).toMatchObject({
      handledBy: { name: 'Anna Rossi', key: `ops desk (${desk.id})` },
      handledAt: response.handledAt,
    });

    // Reopened and handled with the server's own key and no name: the key is all that identifies it.
    const reopened = await app.inject({
      method: 'POST',
      url: `/api/campaigns/inbox/responses/${claim.id}/reopen`,
      headers: as(envKey),
    });
    expect(reopened.json().response).toMatchObject({ status: 'open', handledBy: null, handledAt: null });
    const byEnv = await app.inject({
      method: 'POST',
      url: `/api/campaigns/inbox/responses/${claim.id}/handle`,
      headers: as(envKey),
    });
    expect(byEnv.json().response).toMatchObject({ status: 'handled', handledBy: { name: null, key: 'env key' } });
  });

  it('pages newest first and refuses bad filters, unknown responses and bad names with the fix', async () => {
    const { app, as, list } = inbox;
    const first = await list('?limit=2');
    expect(first.responses).toHaveLength(2);
    const rest = await list(`?limit=2&before=${first.next}`);
    expect([...first.responses, ...rest.responses].map((item) => item.kind)).toEqual(['callback', 'dispute', 'paid']);

    const refusals: [string, string, unknown, RegExp][] = [
      ['GET', '/api/campaigns/inbox/responses?status=closed', undefined, /status must be open or handled/],
      [
        'GET',
        '/api/campaigns/inbox/responses?kind=paid,refund',
        undefined,
        /kind must be one or more of paid, dispute, callback, survey/,
      ],
      ['POST', '/api/campaigns/inbox/responses/999999/handle', {}, /This campaign has no response with this id/],
      [
        'POST',
        `/api/campaigns/inbox/responses/${first.responses[0]!.id}/handle`,
        { by: 'x'.repeat(101) },
        /by is longer than 100 characters/,
      ],
      [
        'POST',
        `/api/campaigns/inbox/responses/${first.responses[0]!.id}/handle`,
        { by: 'Anna\u0007' },
        /by contains control characters/,
      ],
    ];
    for (const [method, url, payload, message] of refusals) {
      const refused = await app.inject({
        method: method as 'GET' | 'POST',
        url,
        headers: as(envKey),
        payload: payload as object,
      });
      expect(refused.statusCode, url).toBeGreaterThanOrEqual(400);
      expect(refused.statusCode, url).toBeLessThan(500);
      expect(`${refused.json().error} ${refused.json().fix}`, url).toMatch(message);
    }
    expect((await list('?status=open')).responses.map((item) => item.kind)).toEqual(['callback', 'dispute']);
    expect(
      (await app.inject({ method: 'POST', url: `/api/campaigns/inbox/responses/${first.responses[0]!.id}/handle` }))
        .statusCode,
    ).toBe(401);
  });

  it('exports the responses as CSV with their status, who and when', async () => {
    const { app, as, recordOf } = inbox;
    const csv = await app.inject({ method: 'GET', url: '/api/campaigns/inbox/responses.csv', headers: as(envKey) });
    const rows = parse(csv.body, { columns: true }) as Record<string, string>[];
    expect(Object.keys(rows[0] ?? {})).toEqual([
      'id',
      'record_id',
      'kind',
      'created_at',
      'status',
      'handled_by',
      'handled_key',
      'handled_at',
      'data',
      'hold_released_by',
      'hold_released_key',
      'hold_released_at',
    ]);
    expect(rows.map((row) => [row.record_id, row.kind, row.status, row.handled_by, row.handled_key])).toEqual([
      [recordOf(2), 'callback', 'open', '', ''],
      [recordOf(1), 'dispute', 'open', '', ''],
      [recordOf(0), 'paid', 'handled', '', 'env key'],
    ]);
    expect(JSON.parse(rows[2]!.data!)).toEqual({ paidOn: today, reference: 'BONIFICO 77' });
    const handledOnly = await app.inject({
      method: 'GET',
      url: '/api/campaigns/inbox/responses.csv?status=handled',
      headers: as(envKey),
    });
    expect(handledOnly.body.trim().split('\n')).toHaveLength(2);
  });

  it('documents the inbox routes at /docs', async () => {
    const { app } = inbox;
    const docs = (await app.inject({ method: 'GET', url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { parameters?: { name: string }[] }>>;
    };
    expect(Object.keys(docs.paths)).toEqual(
      expect.arrayContaining([
        '/api/campaigns/{id}/responses/{responseId}/handle',
        '/api/campaigns/{id}/responses/{responseId}/reopen',
        '/api/campaigns/{id}/responses/{responseId}/release',
      ]),
    );
    expect(docs.paths['/api/campaigns/{id}/responses']?.get?.parameters?.map((parameter) => parameter.name)).toEqual(
      expect.arrayContaining(['kind', 'status', 'before', 'limit']),
    );
  });
});
