import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { formatDemoLinks } from '../server/cli/format-demo-links.ts';
import { deliveryCommand } from '../server/cli/delivery-command.ts';
import { writeCampaignFiles } from '../server/publish/write-campaign-files.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import { getCampaign } from '../server/store/campaigns.ts';
import type { Db } from '../server/store/db.ts';
import { storeBackends } from './helpers/store-backends.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const envKey = 'inbox-env-key-0123456789';
const today = new Date().toISOString().slice(0, 10);
const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
type By = { name: string | null; key: string };
type Listed = {
  id: number;
  recordId: string;
  kind: string;
  status: string;
  handledBy: By | null;
  handledAt: string | null;
  holdReleasedBy: By | null;
  holdReleasedAt: string | null;
};

describe.each(storeBackends)('the operator inbox on $name', (backend) => {
  let db: Db;
  let tearDown: () => Promise<void>;
  let app: FastifyInstance;
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  let recipients: Awaited<ReturnType<typeof seedCampaign>>;
  let desk: { id: string; key: string };
  const as = (key: string) => ({ authorization: `Bearer ${key}` });
  // The page posts its forms as text/plain JSON (a simple request, no preflight).
  const postFromPage = (url: string, body: unknown) =>
    app.inject({ method: 'POST', url, headers: { 'content-type': 'text/plain' }, payload: JSON.stringify(body) });
  const list = async (query: string) => {
    const response = await app.inject({
      method: 'GET',
      url: `/api/campaigns/inbox/responses${query}`,
      headers: as(envKey),
    });
    expect(response.statusCode).toBe(200);
    return response.json() as { responses: Listed[]; next?: number };
  };
  const recordOf = (index: number) => recipients[index]!.recordId;

  beforeAll(async () => {
    ({ db, tearDown } = await backend.setUp());
    temp = await makeTempDir('inbox');
    recipients = await seedCampaign({
      db,
      id: 'inbox',
      payUrl: 'https://pay.example.com/checkout',
      baseUrl: 'https://pages.example.com',
    });
    desk = await createApiKey({ db, name: 'ops desk', role: 'admin' });
    app = await buildApp({ db, apiKey: envKey });
  }, 120_000);

  afterAll(async () => {
    await app?.close();
    await tearDown?.();
    await temp?.remove();
  });

  it('lists what debtors sent newest first, open until an operator marks it handled, with who and when', async () => {
    expect(
      (await postFromPage(`/t/f/${recipients[0]!.token}/paid`, { paidOn: today, reference: 'BONIFICO 77' })).statusCode,
    ).toBe(201);
    expect((await postFromPage(`/t/f/${recipients[1]!.token}/dispute`, { reason: 'not_mine' })).statusCode).toBe(201);
    expect(
      (
        await postFromPage(`/t/f/${recipients[2]!.token}/callback`, {
          phone: '+39 347 000 1111',
          preferredDate: inDays(1),
          preferredWindow: 'morning',
        })
      ).statusCode,
    ).toBe(201);

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

  it('holds the claimant and the disputer in links.csv (API and file) and in the delivery kit; others get no hold', async () => {
    const held = { [recordOf(0)]: 'paid_claim', [recordOf(1)]: 'dispute' };
    const expectHolds = (rows: Record<string, string>[]) => {
      expect(rows.map((row) => row.id)).toEqual(recipients.map((recipient) => recipient.recordId));
      for (const row of rows) expect([row.id, row.hold]).toEqual([row.id, held[row.id!] ?? '']);
    };
    const exported = await app.inject({ method: 'GET', url: '/api/campaigns/inbox/links.csv', headers: as(envKey) });
    expect(exported.body.split('\n')[0]).toBe('id,url,hold');
    expectHolds(parse(exported.body, { columns: true }));
    // kindly demo prints the file as id, URL and any hold.
    const printed = formatDemoLinks({ csv: exported.body });
    expect(printed[0]).toMatch(
      new RegExp(`^  ${recordOf(0)}  https://pages\\.example\\.com/r/[\\w-]+/  \\(hold: paid_claim\\)$`),
    );
    expect(printed[3]).toMatch(new RegExp(`^  ${recordOf(3)}  https://pages\\.example\\.com/r/[\\w-]+/$`));

    const files = await writeCampaignFiles({ db, campaign: await getCampaign({ db, id: 'inbox' }), outDir: temp.dir });
    const written = await fs.readFile(files.links, 'utf8');
    expect(written).toBe(exported.body);

    const kitCsv = await app.inject({ method: 'GET', url: '/api/campaigns/inbox/delivery.csv', headers: as(envKey) });
    const kitRows = parse(kitCsv.body, { columns: true }) as Record<string, string>[];
    expectHolds(kitRows);
    for (const row of kitRows.filter((item) => item.hold))
      expect([row.email, row.phone, row.url, row.email_html, row.sms_text]).toEqual(['', '', '', '', '']);
    expect(kitRows.find((row) => row.id === recordOf(2))?.sms_text).toContain('https://pages.example.com/r/');

    const kitJson = await app.inject({ method: 'GET', url: '/api/campaigns/inbox/delivery.json', headers: as(envKey) });
    const kit = kitJson.json() as { recipients: Record<string, unknown>[] };
    expect(kit.recipients.find((entry) => entry.id === recordOf(0))).toEqual({ id: recordOf(0), hold: 'paid_claim' });
    expect(kit.recipients.find((entry) => entry.id === recordOf(3))).toMatchObject({
      hold: '',
      url: expect.stringMatching(/^https:\/\/pages\.example\.com\/r\//),
    });

    const lines: string[] = [];
    const out = path.join(temp.dir, 'kit.csv');
    await deliveryCommand({
      campaignId: 'inbox',
      format: 'csv',
      out,
      store: { kind: 'store', db },
      log: (line) => lines.push(line),
    });
    expectHolds(parse(await fs.readFile(out, 'utf8'), { columns: true }));
    expect(lines).toEqual([
      `Delivery kit of inbox: ${recipients.length} recipient(s) (published, not opted out) written to ${out}`,
      '2 of them held (hold: paid_claim or dispute): nothing to send them until an operator releases the hold ("Release hold" in the dashboard inbox, or POST /api/campaigns/inbox/responses/<id>/release)',
    ]);
  });

  it('keeps a handled claim holding until an operator releases it, then the recipient is sendable again; a new claim holds again', async () => {
    const holdOf = async (recordId: string) => {
      const links = parse(
        (await app.inject({ method: 'GET', url: '/api/campaigns/inbox/links.csv', headers: as(envKey) })).body,
        { columns: true },
      ) as Record<string, string>[];
      const files = await writeCampaignFiles({
        db,
        campaign: await getCampaign({ db, id: 'inbox' }),
        outDir: temp.dir,
      });
      const written = parse(await fs.readFile(files.links, 'utf8'), { columns: true }) as Record<string, string>[];
      const kit = parse(
        (await app.inject({ method: 'GET', url: '/api/campaigns/inbox/delivery.csv', headers: as(envKey) })).body,
        { columns: true },
      ) as Record<string, string>[];
      const row = kit.find((item) => item.id === recordId)!;
      return {
        links: links.find((item) => item.id === recordId)?.hold,
        file: written.find((item) => item.id === recordId)?.hold,
        kit: row.hold,
        sendable: row.url !== '' && row.sms_text !== '',
      };
    };
    const release = (id: number, key: string, payload?: object) =>
      app.inject({ method: 'POST', url: `/api/campaigns/inbox/responses/${id}/release`, headers: as(key), payload });

    // The claim was marked handled above: it still holds.
    const [claim] = (await list('?kind=paid')).responses;
    expect(claim).toMatchObject({
      recordId: recordOf(0),
      status: 'handled',
      holdReleasedBy: null,
      holdReleasedAt: null,
    });
    expect(await holdOf(recordOf(0))).toEqual({
      links: 'paid_claim',
      file: 'paid_claim',
      kit: 'paid_claim',
      sendable: false,
    });

    const before = Date.now();
    const released = await release(claim!.id, desk.key, { by: 'Marco Bianchi' });
    expect(released.statusCode).toBe(200);
    const { response } = released.json() as { response: Listed };
    expect(response).toMatchObject({
      id: claim!.id,
      status: 'handled',
      holdReleasedBy: { name: 'Marco Bianchi', key: `ops desk (${desk.id})` },
    });
    expect(Date.parse(response.holdReleasedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(await holdOf(recordOf(0))).toEqual({ links: '', file: '', kit: '', sendable: true });
    // The disputer is still held.
    expect((await holdOf(recordOf(1))).links).toBe('dispute');

    // A second release keeps who released it first; the list and the CSV show it.
    const again = await release(claim!.id, envKey);
    expect(again.json().response).toMatchObject({
      holdReleasedBy: { name: 'Marco Bianchi', key: `ops desk (${desk.id})` },
      holdReleasedAt: response.holdReleasedAt,
    });
    expect((await list('?kind=paid')).responses[0]).toMatchObject({
      holdReleasedBy: { name: 'Marco Bianchi', key: `ops desk (${desk.id})` },
      holdReleasedAt: response.holdReleasedAt,
    });
    const csv = parse(
      (await app.inject({ method: 'GET', url: '/api/campaigns/inbox/responses.csv?kind=paid', headers: as(envKey) }))
        .body,
      { columns: true },
    ) as Record<string, string>[];
    expect(csv.map((row) => [row.id, row.hold_released_by, row.hold_released_key, row.hold_released_at])).toEqual([
      [String(claim!.id), 'Marco Bianchi', `ops desk (${desk.id})`, response.holdReleasedAt],
    ]);

    // A call-back holds nothing: releasing it is refused with the fix; an unknown id is not found.
    const [callback] = (await list('?kind=callback')).responses;
    const refused = await release(callback!.id, envKey);
    expect(refused.statusCode).toBe(400);
    expect(`${refused.json().error} ${refused.json().fix}`).toMatch(
      /holds nothing to release.*Release the paid or dispute response/,
    );
    expect((await release(999999, envKey)).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: `/api/campaigns/inbox/responses/${claim!.id}/release` })).statusCode,
    ).toBe(401);

    // The debtor claims again: held again until that claim is released too.
    expect(
      (await postFromPage(`/t/f/${recipients[0]!.token}/paid`, { paidOn: today, reference: 'BONIFICO 78' })).statusCode,
    ).toBe(201);
    expect(await holdOf(recordOf(0))).toEqual({
      links: 'paid_claim',
      file: 'paid_claim',
      kit: 'paid_claim',
      sendable: false,
    });
    const [second] = (await list('?kind=paid')).responses;
    expect(second).toMatchObject({ recordId: recordOf(0), status: 'open', holdReleasedAt: null });
    expect((await release(second!.id, envKey)).json().response).toMatchObject({
      holdReleasedBy: { name: null, key: 'env key' },
    });
    expect(await holdOf(recordOf(0))).toEqual({ links: '', file: '', kit: '', sendable: true });
  });

  it('documents the inbox routes at /docs', async () => {
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
