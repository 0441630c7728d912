import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { roles, type Role } from '../server/roles.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import type { Db } from '../server/store/db.ts';
import { expireEventData } from '../server/tracking/expire-event-data.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { buildFullApp } from './helpers/build-full-app.ts';
import { closeAll, type Closers } from './helpers/listen-and-launch.ts';

// The audit log as a compliance officer reads it: real keys of each role doing real work through
// the HTTP API (the queue on Redis takes the render jobs; nothing renders), behind one proxy hop.
const closers: Closers = [];
let app: FastifyInstance;
let db: Db;
const keys = {} as Record<Role, { id: string; key: string }>;
const visitor = '203.0.113.9';

type Entry = Record<string, unknown> & { action: string; recordId: string | null };

const as = (role: Role) => ({ authorization: `Bearer ${keys[role].key}`, 'x-forwarded-for': visitor });
const readAudit = async (query = '') => {
  const response = await app.inject({ method: 'GET', url: `/api/audit${query}`, headers: as('admin') });
  expect(response.statusCode).toBe(200);
  return response.json() as { entries: Entry[]; next?: string };
};

beforeAll(async () => {
  ({ app, db } = await buildFullApp({ name: 'audit-log', closers, trustProxy: 1 }));
  for (const role of roles) keys[role] = await createApiKey({ db, name: `${role} person`, role });
});

afterAll(() => closeAll(closers));

describe('the audit log', () => {
  it('records who did what to which campaign and record, from where and with what outcome, refusals included', async () => {
    const created = await app.inject({
      method: 'POST',
      url: '/api/campaigns',
      headers: as('operator'),
      payload: { id: 'spring', template: 'gentle-reminder', payUrl: 'https://pay.example.com/' },
    });
    expect(created.statusCode).toBe(201);
    const upload = await makeMultipart({
      file: {
        name: 'debtors.csv',
        contents: 'id,name,amount,due_date,invoice\nA-1,Anna,10,2027-01-01,F1\nA-2,Bo,20,2027-01-01,F2\n',
      },
    });
    const uploaded = await app.inject({
      method: 'POST',
      url: '/api/campaigns/spring/records',
      headers: { ...as('operator'), ...upload.headers },
      payload: upload.payload,
    });
    expect(uploaded.json()).toMatchObject({ accepted: 2 });
    for (const action of ['start', 'pause']) {
      const moved = await app.inject({
        method: 'POST',
        url: `/api/campaigns/spring/${action}`,
        headers: as('operator'),
      });
      expect(moved.statusCode).toBe(200);
    }
    expect((await app.inject({ url: '/api/campaigns/spring/links.csv', headers: as('operator') })).statusCode).toBe(
      200,
    );
    // Refused: an analyst may not export links nor erase; both attempts are kept, neither naming the record.
    expect((await app.inject({ url: '/api/campaigns/spring/links.csv', headers: as('analyst') })).statusCode).toBe(403);
    const refusedErase = await app.inject({
      method: 'DELETE',
      url: '/api/campaigns/spring/recipients/A-1',
      headers: as('analyst'),
    });
    expect(refusedErase.statusCode).toBe(403);
    // Reads that are neither bulk personal data nor changes are not written.
    expect((await app.inject({ url: '/api/campaigns/spring/analytics', headers: as('analyst') })).statusCode).toBe(200);

    const { entries } = await readAudit('?campaign=spring');
    // Every entry: from the visitor's address behind the proxy, about the campaign, with the key's user, id and name.
    for (const entry of entries) {
      const role = entry.role as Role;
      expect(entry).toMatchObject({ address: visitor, campaignId: 'spring', userName: `${role} person` });
      expect(entry).toMatchObject({ keyId: keys[role].id, keyName: `${role} person` });
    }
    const summary = entries
      .reverse()
      .map(({ role, action, method, route, recordId, status, outcome, detail }) =>
        [role, action, method, route, recordId, status, outcome, detail].join(' '),
      );
    expect(summary).toEqual([
      'operator campaign-create POST /api/campaigns  201 done ',
      'operator upload-records POST /api/campaigns/:id/records  201 done ',
      'operator campaign-start POST /api/campaigns/:id/:action  200 done action=start',
      'operator campaign-pause POST /api/campaigns/:id/:action  200 done action=pause',
      'operator export-links GET /api/campaigns/:id/links.csv  200 done ',
      'analyst export-links GET /api/campaigns/:id/links.csv  403 refused ',
      // Refused before the erasure ran: the record id is not written, so it cannot outlive an erasure.
      'analyst erase-recipient DELETE /api/campaigns/:id/recipients/:recordId  403 refused record id withheld',
    ]);
  });

  it("keeps that an erasure happened and replaces the debtor's record id in every entry by their anonymous id", async () => {
    const erased = await app.inject({
      method: 'DELETE',
      url: '/api/campaigns/spring/recipients/A-1',
      headers: as('operator'),
    });
    expect(erased.statusCode).toBe(204);
    const { entries } = await readAudit('?action=erase-recipient');
    expect(entries.map(({ role, outcome }) => ({ role, outcome }))).toEqual([
      { role: 'operator', outcome: 'done' },
      { role: 'analyst', outcome: 'refused' },
    ]);
    const marker = entries[0]!.recordId!;
    expect(marker).toMatch(/^erased-[0-9a-f]{16}$/);
    expect(entries[1]).toMatchObject({ recordId: null, detail: 'record id withheld' });
    // Erasing them again finds no one, and that entry does not name them either.
    const again = await app.inject({
      method: 'DELETE',
      url: '/api/campaigns/spring/recipients/A-1',
      headers: as('operator'),
    });
    expect(again.statusCode).toBe(404);
    expect((await readAudit('?action=erase-recipient&limit=1')).entries[0]).toMatchObject({
      recordId: 'not found',
      outcome: 'failed',
      status: 404,
    });
    const everything = await app.inject({ url: '/api/audit.ndjson', headers: as('admin') });
    expect(everything.body).not.toContain('A-1');
  });

  it('filters by user, campaign, action and time, and pages newest first', async () => {
    expect((await readAudit('?user=analyst%20person')).entries.map((entry) => entry.action)).toEqual([
      'erase-recipient',
      'export-links',
    ]);
    expect((await readAudit('?campaign=autumn')).entries).toEqual([]);
    expect((await readAudit('?campaign=spring&action=campaign-pause')).entries).toHaveLength(1);
    const future = new Date(Date.now() + 3_600_000).toISOString();
    expect((await readAudit(`?from=${encodeURIComponent(future)}`)).entries).toEqual([]);
    expect((await readAudit(`?to=${encodeURIComponent(future)}`)).entries.length).toBeGreaterThan(5);
    const all = (await readAudit()).entries.map((entry) => entry.id);
    const first = await readAudit('?limit=3');
    const second = await readAudit(`?limit=3&before=${first.next}`);
    expect([...first.entries, ...second.entries].map((entry) => entry.id)).toEqual(all.slice(0, 6));
    // Each filter has its index, newest first.
    const { rows } = await db.query<{ indexdef: string }>(
      "select indexdef from pg_indexes where tablename = 'audit_entries' order by indexname",
    );
    const indexed = rows.map((row) => /\((.+)\)$/.exec(row.indexdef)?.[1]);
    expect(indexed).toEqual(expect.arrayContaining(['user_name, id', 'action, id', 'campaign_id, id']));
    const bad = await app.inject({ url: '/api/audit?from=yesterday', headers: as('admin') });
    expect(bad.statusCode).toBe(400);
  });

  it('is for admins only, and exports as formula-safe CSV and NDJSON, each export itself recorded', async () => {
    for (const role of ['operator', 'designer', 'analyst'] as const)
      expect((await app.inject({ url: '/api/audit.csv', headers: as(role) })).statusCode).toBe(403);
    const sly = await createApiKey({ db, name: '=HYPERLINK("http://evil")', role: 'operator' });
    await app.inject({ url: '/api/campaigns/spring/links.csv', headers: { authorization: `Bearer ${sly.key}` } });
    const csv = await app.inject({ url: '/api/audit.csv?action=export-links', headers: as('admin') });
    expect(csv.headers['content-type']).toBe('text/csv; charset=utf-8');
    const lines = csv.body.trim().split('\n');
    expect(lines[0]).toBe(
      'id,at,userName,keyId,keyName,role,action,method,route,campaignId,recordId,address,status,outcome,detail',
    );
    expect(lines).toHaveLength(4);
    expect(lines[1]).toContain(`"'=HYPERLINK(""http://evil"")"`);
    const ndjson = await app.inject({ url: '/api/audit.ndjson?user=operator%20person', headers: as('admin') });
    const rows = ndjson.body
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as Entry);
    expect(rows.map((row) => row.action)).toEqual([
      'export-audit',
      'erase-recipient',
      'erase-recipient',
      'export-links',
      'campaign-pause',
      'campaign-start',
      'upload-records',
      'campaign-create',
    ]);
    const exports = (await readAudit('?action=export-audit')).entries;
    // Newest first: the two exports above, the three refused, and the one of the erasure test.
    expect(exports.map(({ userName, status }) => `${userName} ${status}`)).toEqual([
      'admin person 200',
      'admin person 200',
      'analyst person 403',
      'designer person 403',
      'operator person 403',
      'admin person 200',
    ]);
  });

  it('has no route that changes or deletes an entry', async () => {
    for (const method of ['DELETE', 'PUT', 'PATCH', 'POST'] as const) {
      for (const url of ['/api/audit', '/api/audit/1']) {
        const response = await app.inject({ method, url, headers: as('admin') });
        expect(response.statusCode).toBe(404);
      }
    }
    const writers = ['DELETE', 'PUT', 'PATCH', 'POST'].map((method) =>
      app.printRoutes({ method, commonPrefix: false }),
    );
    expect(writers.join('\n')).not.toContain('audit');
  });

  it('keeps a polled bulk read once per key, campaign and outcome in ten minutes, not on every call', async () => {
    for (const url of ['responses', 'responses', 'failures', 'failures', 'rejects', 'rejects?limit=1']) {
      const read = await app.inject({ url: `/api/campaigns/spring/${url}`, headers: as('operator') });
      expect(read.statusCode).toBe(200);
    }
    await readAudit('?action=read-audit');
    const summary = async (action: string) =>
      (await readAudit(`?action=${action}`)).entries.map(({ role, route, outcome }) => `${role} ${route} ${outcome}`);
    expect(await summary('read-responses')).toEqual(['operator /api/campaigns/:id/responses done']);
    expect(await summary('read-failures')).toEqual(['operator /api/campaigns/:id/failures done']);
    expect(await summary('read-rejects')).toEqual(['operator /api/campaigns/:id/rejects done']);
    // Every read of the log above, once; and once the bad query of the filter test (400).
    expect(await summary('read-audit')).toEqual(['admin /api/audit failed', 'admin /api/audit done']);
  });

  it('answers 429 to a key refused more than ten times in a minute, writing no entry for those', async () => {
    const pusher = await createApiKey({ db, name: 'pushy analyst', role: 'analyst' });
    const statuses: number[] = [];
    for (let call = 0; call < 13; call += 1) {
      const response = await app.inject({
        method: 'POST',
        url: '/api/campaigns/spring/start',
        headers: { authorization: `Bearer ${pusher.key}` },
      });
      statuses.push(response.statusCode);
      if (response.statusCode === 429) expect(Number(response.headers['retry-after'])).toBeGreaterThan(0);
    }
    expect(statuses).toEqual([...Array<number>(10).fill(403), 429, 429, 429]);
    const { entries } = await readAudit('?user=pushy%20analyst');
    expect(entries).toHaveLength(10);
    // A refused call keeps the declared action name: the path does not name it.
    expect(new Set(entries.map(({ action, status }) => `${action} ${status}`))).toEqual(
      new Set(['campaign-:action 403']),
    );
    // Its allowed calls still go through.
    const allowed = await app.inject({
      url: '/api/campaigns/spring/analytics',
      headers: { authorization: `Bearer ${pusher.key}` },
    });
    expect(allowed.statusCode).toBe(200);
  });

  it('never fails a request because the entry could not be written', async () => {
    await db.exec('alter table audit_entries rename to audit_entries_away');
    try {
      const response = await app.inject({ url: '/api/campaigns/spring/links.csv', headers: as('operator') });
      expect(response.statusCode).toBe(200);
    } finally {
      await db.exec('alter table audit_entries_away rename to audit_entries');
    }
  });

  it('deletes entries older than the retention period with the hourly expiry, and only those', async () => {
    const count = async () => (await readAudit('?limit=500')).entries.length;
    const before = await count();
    expect(before).toBeGreaterThan(10);
    const later = (days: number) => new Date(Date.now() + days * 86_400_000);
    // An audit retention that fails is logged and does not keep the campaigns from expiring.
    const warnings: string[] = [];
    await db.exec('alter table audit_entries rename to audit_entries_away');
    try {
      const log = { warn: (_details: { err: unknown }, message: string) => warnings.push(message) };
      expect(await expireEventData({ db, now: later(399), auditRetentionDays: 400, log })).toContain('spring');
    } finally {
      await db.exec('alter table audit_entries_away rename to audit_entries');
    }
    expect(warnings).toEqual(['deleting old audit entries failed']);
    await expireEventData({ db, now: later(399), auditRetentionDays: 400 });
    expect(await count()).toBe(before);
    await expireEventData({ db, now: later(401), auditRetentionDays: 400 });
    expect(await count()).toBe(0);
  });
});
