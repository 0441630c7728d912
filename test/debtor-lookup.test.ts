import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { makeRenderKit } from '../server/jobs/make-render-kit.ts';
import { openInProcessRunner, type InProcessRunner } from '../server/jobs/open-in-process-runner.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { findRecipient } from '../server/store/recipients.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { closeAll, type Closers } from './helpers/listen-and-launch.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';

// One debtor, found: the search by record id, one recipient's detail built from events sent through
// the real tracking routes, and rendering one recipient again through the real in-process runner.
const closers: Closers = [];
let db: Db;
let app: FastifyInstance;
let runner: InProcessRunner;
/** What the app logged, line by line. */
const logged: string[] = [];
const keys = { admin: '', operator: '', analyst: '' };
let debtors: Awaited<ReturnType<typeof seedCampaign>>;
const phone =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';

beforeAll(async () => {
  const temp = await makeTempDir('debtor-lookup');
  closers.push(temp.remove);
  db = await openEmbeddedStore({ dataDir: temp.dir });
  closers.push(() => db.close());
  const publisher = openLocalPublisher({ root: path.join(temp.dir, 'site') });
  const kit = makeRenderKit({ publisher, dataDir: temp.dir, browserExecutable: undefined });
  closers.push(kit.close);
  runner = openInProcessRunner({ db, publisher, ...kit, recipientsInFlight: 1 });
  closers.push(() => runner.close());
  app = await buildApp({
    db,
    runner,
    publisher,
    trackingRateLimit: 100_000,
    logLevel: 'info',
    logDestination: { write: (line: string) => void logged.push(line) },
  });
  closers.push(() => app.close());
  for (const role of ['admin', 'operator', 'analyst'] as const)
    keys[role] = (await createApiKey({ db, name: `${role} person`, role })).key;
  const seed = (id: string) =>
    seedCampaign({ db, id, payUrl: 'https://pay.example.com/checkout', baseUrl: 'https://v.example.com' });
  debtors = await seed('lookup');
  await seed('lookup-later');
}, 60_000);

afterAll(() => closeAll(closers));

const as = (role: keyof typeof keys) => ({ authorization: `Bearer ${keys[role]}` });
const get = (url: string, role: keyof typeof keys = 'operator') =>
  app.inject({ method: 'GET', url, headers: as(role) });
const auditOf = async (action: string) =>
  (await get(`/api/audit?action=${action}`, 'admin')).json().entries as Record<string, unknown>[];
const post = (url: string, body: unknown, userAgent = phone) =>
  app.inject({
    method: 'POST',
    url,
    headers: { 'content-type': 'text/plain', 'user-agent': userAgent },
    payload: JSON.stringify(body),
  });
const click = (token: string, userAgent = phone, method: 'GET' | 'HEAD' = 'GET') =>
  app.inject({ method, url: `/t/c/${token}/pay`, headers: { 'user-agent': userAgent } });

describe('finding one debtor', () => {
  it('finds a record id exactly, across campaigns, for operators only, and audits the search without the id elsewhere', async () => {
    const { recordId } = debtors[0]!;
    const found = await get(`/api/recipients?recordId=${encodeURIComponent(recordId)}`);
    expect(found.statusCode).toBe(200);
    expect(found.json()).toEqual({
      matches: [
        { campaignId: 'lookup-later', recordId, status: 'published' },
        { campaignId: 'lookup', recordId, status: 'published' },
      ],
    });
    const partial = await get(`/api/recipients?recordId=${encodeURIComponent(recordId.slice(0, -1))}`);
    expect(partial.json()).toEqual({ matches: [] });
    expect((await get(`/api/recipients?recordId=${recordId}`, 'analyst')).statusCode).toBe(403);
    const missing = await get('/api/recipients?recordId=');
    expect(missing.statusCode).toBe(400);
    expect(missing.json().error).toMatch(/recordId must be the record id to look for/);

    // The log names the route, never the id searched for.
    expect(logged.join('')).toContain('"url":"/api/recipients"');
    expect(logged.join('')).not.toContain(recordId.slice(0, -1));
    const entries = await auditOf('recipient-search');
    expect(
      entries.map(({ recordId: id, campaignId, detail, outcome, route }) => ({
        id,
        campaignId,
        detail,
        outcome,
        route,
      })),
    ).toEqual([
      { id: null, campaignId: null, detail: null, outcome: 'failed', route: '/api/recipients' },
      { id: null, campaignId: null, detail: null, outcome: 'refused', route: '/api/recipients' },
      { id: 'not found', campaignId: null, detail: '0 found', outcome: 'done', route: '/api/recipients' },
      { id: recordId, campaignId: null, detail: '2 found', outcome: 'done', route: '/api/recipients' },
    ]);
  });

  it("shows one recipient's state, link, counted and flagged events, responses, payments and hold", async () => {
    const [maria, oliver] = debtors;
    // Delivered now: the second debtor's click seconds later, without a view, is a gateway's.
    const delivered = await app.inject({
      method: 'POST',
      url: '/api/campaigns/lookup/deliveries',
      headers: as('operator'),
      payload: { recordIds: [maria!.recordId, oliver!.recordId] },
    });
    expect(delivered.statusCode).toBe(200);
    expect((await post('/t/e', { token: maria!.token, type: 'view' })).statusCode).toBe(204);
    expect((await click(maria!.token)).statusCode).toBe(302);
    expect((await click(maria!.token, 'curl/8.4.0')).statusCode).toBe(302);
    expect((await click(maria!.token, phone, 'HEAD')).statusCode).toBe(302);
    expect((await click(oliver!.token)).statusCode).toBe(302);
    const today = new Date().toISOString().slice(0, 10);
    expect(
      (await post(`/t/f/${maria!.token}/dispute`, { reason: 'wrong_amount', details: 'Paid half' })).statusCode,
    ).toBe(201);
    expect((await post(`/t/s/${maria!.token}`, { score: 4, shownAfter: 'cta' })).statusCode).toBe(201);
    const payments = await app.inject({
      method: 'POST',
      url: '/api/campaigns/lookup/payments',
      headers: { ...as('operator'), 'content-type': 'text/csv' },
      payload: `id,amount,date,payment_id,currency\n${maria!.recordId},100.50,${today},pay-1,EUR\n`,
    });
    expect(payments.statusCode).toBe(201);

    const response = await get(`/api/campaigns/lookup/recipients/${encodeURIComponent(maria!.recordId)}`);
    expect(response.statusCode).toBe(200);
    const detail = response.json();
    expect(detail).toMatchObject({
      campaignId: 'lookup',
      campaignStatus: 'draft',
      recordId: maria!.recordId,
      status: 'published',
      error: null,
      optedOut: false,
      deliveredAt: expect.any(String),
      link: `https://v.example.com/r/${maria!.token}/`,
      hold: ['dispute'],
    });
    expect(detail.timeline.counted.map((event: { type: string }) => event.type)).toEqual([
      'view',
      'click_pay',
      'form_dispute',
      'survey',
    ]);
    expect(
      detail.timeline.flagged.map(({ type, flagged }: { type: string; flagged: string }) => [type, flagged]),
    ).toEqual([
      ['click_pay', 'scanner'],
      ['click_pay', 'head'],
    ]);
    expect(detail.timeline.more).toBe(false);
    expect(detail.responses.map(({ kind, data }: { kind: string; data: object }) => [kind, data])).toEqual([
      ['survey', expect.objectContaining({ score: 4 })],
      ['dispute', expect.objectContaining({ reason: 'wrong_amount', details: 'Paid half' })],
    ]);
    expect(detail.payments).toEqual([
      {
        paymentId: 'pay-1',
        amount: 100.5,
        currency: 'EUR',
        paidAt: expect.any(String),
        source: 'import',
      },
    ]);
    const other = (await get(`/api/campaigns/lookup/recipients/${encodeURIComponent(oliver!.recordId)}`)).json();
    expect(other.timeline).toEqual({
      counted: [],
      flagged: [{ type: 'click_pay', at: expect.any(String), flagged: 'too_soon' }],
      more: false,
    });
    expect(other.hold).toEqual([]);

    expect((await get('/api/campaigns/lookup/recipients/NOBODY-1')).statusCode).toBe(404);
    expect((await get(`/api/campaigns/lookup/recipients/${maria!.recordId}`, 'analyst')).statusCode).toBe(403);
    const entries = await auditOf('recipient-read');
    expect(entries.map(({ recordId, campaignId, outcome }) => [recordId, campaignId, outcome])).toEqual([
      [null, 'lookup', 'refused'],
      ['not found', 'lookup', 'failed'],
      [oliver!.recordId, 'lookup', 'done'],
      [maria!.recordId, 'lookup', 'done'],
    ]);
  });
});

describe('rendering one recipient again', () => {
  it('refuses where the campaign or the recipient does not allow it, saying why and what to do', async () => {
    const { recordId } = debtors[1]!;
    const rerender = (campaignId: string, id = recordId) =>
      app.inject({
        method: 'POST',
        url: `/api/campaigns/${campaignId}/recipients/${encodeURIComponent(id)}/render`,
        headers: as('operator'),
      });
    for (const status of ['draft', 'rendering', 'paused', 'cancelled', 'unpublished']) {
      await db.query('update campaigns set status = $2 where id = $1', ['lookup-later', status]);
      const refused = await rerender('lookup-later');
      expect(refused.statusCode).toBe(409);
      expect(refused.json()).toMatchObject({
        error: `One recipient can be rendered again only in a done campaign; this one is ${status}`,
        value: '"lookup-later"',
        fix: expect.stringMatching(/^rerender works on campaigns that are done; wait until the campaign is done/),
      });
    }
    await db.query("update campaigns set status = 'done' where id = 'lookup-later'");
    const unknown = await rerender('lookup-later', 'NOBODY-1');
    expect(unknown.statusCode).toBe(404);
    expect((await findRecipient({ db, campaignId: 'lookup-later', recordId }))?.state.status).toBe('published');
    expect((await rerender('nowhere')).statusCode).toBe(404);
  });

  it('renders a published recipient of a done campaign again through the runner; the campaign finishes again', async () => {
    const { recordId, token } = debtors[1]!;
    await db.query("update campaigns set status = 'done', playback = 'live' where id = 'lookup'");
    const before = (await findRecipient({ db, campaignId: 'lookup', recordId }))!;
    const url = `/api/campaigns/lookup/recipients/${encodeURIComponent(recordId)}/render`;
    const started = await app.inject({ method: 'POST', url, headers: as('operator') });
    expect(started.statusCode, started.body).toBe(200);
    expect(started.json()).toMatchObject({ campaign: { id: 'lookup', status: 'rendering' }, enqueued: 1 });
    const again = await app.inject({ method: 'POST', url, headers: as('operator') });
    expect(again.statusCode).toBe(409);
    // The campaign renders again now: one more re-render waits until it is done.
    expect(again.json().error).toBe(
      'One recipient can be rendered again only in a done campaign; this one is rendering',
    );
    await runner.idle({ campaignId: 'lookup' });
    const after = (await findRecipient({ db, campaignId: 'lookup', recordId }))!;
    expect(after.state).toEqual({ status: 'published', url: `https://v.example.com/r/${token}/` });
    expect(after.attempts).toBe(before.attempts + 1);
    const campaign = (await get('/api/campaigns/lookup')).json();
    expect(campaign).toMatchObject({ status: 'done', run: 1 });
    expect((await app.inject({ method: 'POST', url, headers: as('analyst') })).statusCode).toBe(403);
    const entries = await auditOf('rerender-recipient');
    expect(
      entries.filter((entry) => entry.campaignId === 'lookup').map((entry) => [entry.recordId, entry.outcome]),
    ).toEqual([
      [null, 'refused'],
      [null, 'failed'],
      [recordId, 'done'],
    ]);
  }, 300_000);

  it('refuses an erased recipient: not found by their old id, and nothing to render under their anonymous one', async () => {
    const { recordId } = debtors[2] ?? debtors[0]!;
    expect((await get(`/api/recipients?recordId=${encodeURIComponent(recordId)}`)).json().matches).toHaveLength(2);
    const erased = await app.inject({
      method: 'DELETE',
      url: `/api/campaigns/lookup/recipients/${encodeURIComponent(recordId)}`,
      headers: as('operator'),
    });
    expect(erased.statusCode).toBe(204);
    const [erasure] = await auditOf('erase-recipient');
    const anonymousId = String(erasure!.recordId);
    expect(anonymousId).toMatch(/^erased-/);
    // The searches for them keep that they happened, under the anonymous id.
    const searches = await auditOf('recipient-search');
    expect(JSON.stringify(searches)).not.toContain(recordId);
    expect(searches[0]).toMatchObject({ recordId: anonymousId, detail: '2 found' });
    const byOldId = await app.inject({
      method: 'POST',
      url: `/api/campaigns/lookup/recipients/${encodeURIComponent(recordId)}/render`,
      headers: as('operator'),
    });
    expect(byOldId.statusCode).toBe(404);
    const byAnonymousId = await app.inject({
      method: 'POST',
      url: `/api/campaigns/lookup/recipients/${anonymousId}/render`,
      headers: as('operator'),
    });
    expect(byAnonymousId.statusCode).toBe(409);
    expect(byAnonymousId.json()).toMatchObject({
      error: 'This recipient was erased; nothing of theirs is left to render',
    });
    expect((await get(`/api/campaigns/lookup/recipients/${anonymousId}`)).statusCode).toBe(404);
    const found = (await get(`/api/recipients?recordId=${encodeURIComponent(recordId)}`)).json();
    expect(found.matches).toEqual([{ campaignId: 'lookup-later', recordId, status: 'published' }]);
  });
});
