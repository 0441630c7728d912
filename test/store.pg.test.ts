import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { KindlyError, NotFoundError } from '../server/errors.ts';
import { addIngestCounts, createCampaign, findCampaign, getCampaignCounts } from '../server/store/campaigns.ts';
import { claimRecipient } from '../server/store/claim-recipient.ts';
import type { Db } from '../server/store/db.ts';
import { migrate } from '../server/store/migrate.ts';
import { openPostgresStore } from '../server/store/open-postgres-store.ts';
import { findRecipient, requeueRecipients, setRecipientState } from '../server/store/recipients.ts';
import { listRejects } from '../server/store/rejects.ts';
import { storeIngest, type IngestProgress } from '../server/campaigns/store-ingest.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { makePostgresDatabase } from '../scripts/lib/postgres-database.ts';
import { makeCampaign, makeIngestEvents, storeBackends } from './helpers/store-backends.ts';

const migrationsDir = fileURLToPath(new URL('../server/store/migrations/', import.meta.url));
const migrationVersions = async () =>
  (await fs.readdir(migrationsDir))
    .filter((name) => name.endsWith('.sql'))
    .map((name) => path.basename(name, '.sql'))
    .sort();
const appliedVersions = async (db: Db) =>
  (await db.query<{ version: string }>('select version from schema_migrations order by version')).rows.map(
    (row) => row.version,
  );

describe.each(storeBackends)('the store on $name', (backend) => {
  let db: Db;
  let tearDown: () => Promise<void>;

  beforeAll(async () => {
    ({ db, tearDown } = await backend.setUp());
  });
  afterAll(() => tearDown?.());

  const ingest = async (campaignId: string, ids: string[]) =>
    storeIngest({ db, campaignId, events: makeIngestEvents(ids), batchSize: 2 });

  it('applies every migration once, and running them again applies none', async () => {
    expect(await appliedVersions(db)).toEqual(await migrationVersions());
    expect(await migrate({ db })).toEqual([]);
    expect(await appliedVersions(db)).toEqual(await migrationVersions());
  });

  it('storeIngest: read = accepted + rejected, batch by batch, and a repeated id is rejected', async () => {
    await makeCampaign({ db, id: 'ingest' });
    const progress: IngestProgress[] = [];
    const first = await storeIngest({
      db,
      campaignId: 'ingest',
      events: makeIngestEvents(['D1', '!', 'D2', 'D3', '!', 'D4', 'D5']),
      batchSize: 2,
      onProgress: (p) => progress.push(p),
    });
    expect(first).toEqual({ read: 7, accepted: 5, rejected: 2 });
    expect(progress.length).toBeGreaterThan(2);
    for (const step of progress) expect(step.read).toBe(step.accepted + step.rejected);
    expect(progress.at(-1)).toEqual(first);
    expect(await getCampaignCounts({ db, id: 'ingest' })).toEqual({
      read: 7,
      accepted: 5,
      rejected: 2,
      queued: 5,
      rendering: 0,
      published: 0,
      failed: 0,
    });
    expect(await listRejects({ db, campaignId: 'ingest', limit: 100 })).toHaveLength(4);

    const second = await ingest('ingest', ['D5', 'D6']);
    expect(second).toEqual({ read: 2, accepted: 1, rejected: 1 });
    expect(await getCampaignCounts({ db, id: 'ingest' })).toMatchObject({
      read: 9,
      accepted: 6,
      rejected: 3,
      queued: 6,
    });
    const rejects = await listRejects({ db, campaignId: 'ingest', limit: 100 });
    expect(rejects.filter((reject) => reject.value === 'D5')).toEqual([
      expect.objectContaining({ field: 'id', reason: expect.stringContaining('duplicate id') }),
    ]);
    const recipient = await findRecipient({ db, campaignId: 'ingest', recordId: 'D1' });
    expect(recipient).toMatchObject({
      row: 2,
      locale: 'it-IT',
      data: { id: 'D1', name: 'Debtor D1' },
      attempts: 0,
      state: { status: 'queued' },
      erased: false,
    });
    expect(recipient?.token).toMatch(/^[\w-]{22}$/);
  });

  it('a transaction that fails leaves neither rows nor counts behind', async () => {
    await makeCampaign({ db, id: 'rollback' });
    const failing = db.transaction(async (tx) => {
      await tx.query(
        "insert into rejects (campaign_id, row_number, field, value, reason) values ('rollback', 2, 'id', '', 'missing')",
      );
      await addIngestCounts({ db: tx, id: 'rollback', accepted: 0, rejected: 1 });
      throw new Error('the batch broke');
    });
    await expect(failing).rejects.toThrow('the batch broke');
    expect(await getCampaignCounts({ db, id: 'rollback' })).toMatchObject({ read: 0, rejected: 0 });
    expect(await listRejects({ db, campaignId: 'rollback', limit: 10 })).toEqual([]);
    expect(await db.transaction(async (tx) => (await tx.query<{ one: number }>('select 1 as one')).rows[0]?.one)).toBe(
      1,
    );
  });

  it('moves a recipient through its states: claimed, published, never claimed again; failed, claimed again', async () => {
    await makeCampaign({ db, id: 'states' });
    await ingest('states', ['A', 'B']);
    const where = { db, campaignId: 'states' };
    expect(await claimRecipient({ ...where, recordId: 'A', claimant: 'job-1' })).toBe(true);
    expect(await findRecipient({ ...where, recordId: 'A' })).toMatchObject({
      attempts: 1,
      state: { status: 'rendering' },
    });
    await setRecipientState({
      db,
      token: (await findRecipient({ ...where, recordId: 'A' }))!.token,
      state: { status: 'published', url: 'https://v.example.com/r/x/' },
    });
    expect((await findRecipient({ ...where, recordId: 'A' }))?.state).toEqual({
      status: 'published',
      url: 'https://v.example.com/r/x/',
    });
    expect(await claimRecipient({ ...where, recordId: 'A', claimant: 'job-2' })).toBe(false);

    expect(await claimRecipient({ ...where, recordId: 'B', claimant: 'job-3' })).toBe(true);
    await setRecipientState({
      db,
      token: (await findRecipient({ ...where, recordId: 'B' }))!.token,
      state: { status: 'failed', error: 'browser crashed', retryable: true },
    });
    expect((await findRecipient({ ...where, recordId: 'B' }))?.state).toEqual({
      status: 'failed',
      error: 'browser crashed',
      retryable: true,
    });
    expect(await claimRecipient({ ...where, recordId: 'B', claimant: 'job-4' })).toBe(true);
    expect(await findRecipient({ ...where, recordId: 'B' })).toMatchObject({
      attempts: 2,
      state: { status: 'rendering' },
    });
    expect(await claimRecipient({ ...where, recordId: 'missing', claimant: 'job-5' })).toBe(false);
  });

  it('claimRecipient: of two concurrent claims exactly one wins, and only its claimant may take it again', async () => {
    await makeCampaign({ db, id: 'race' });
    const ids = Array.from({ length: 12 }, (_, index) => `R${index}`);
    await ingest('race', ids);
    for (const recordId of ids) {
      const [a, b] = await Promise.all(
        ['worker-a', 'worker-b'].map((claimant) => claimRecipient({ db, campaignId: 'race', recordId, claimant })),
      );
      expect([a, b].filter(Boolean)).toHaveLength(1);
      const winner = a ? 'worker-a' : 'worker-b';
      const loser = a ? 'worker-b' : 'worker-a';
      expect(await claimRecipient({ db, campaignId: 'race', recordId, claimant: loser })).toBe(false);
      expect(await claimRecipient({ db, campaignId: 'race', recordId, claimant: winner })).toBe(true);
    }
    expect(await getCampaignCounts({ db, id: 'race' })).toMatchObject({ queued: 0, rendering: 12 });
  });

  it('requeueRecipients puts failed and rendering recipients back, leaving published ones; counts always add up', async () => {
    await makeCampaign({ db, id: 'requeue' });
    await ingest('requeue', ['Q1', 'Q2', 'Q3', 'Q4', 'Q5', '!']);
    const where = { db, campaignId: 'requeue' };
    for (const recordId of ['Q1', 'Q2', 'Q3', 'Q4']) await claimRecipient({ ...where, recordId, claimant: 'job' });
    await setRecipientState({
      db,
      token: (await findRecipient({ ...where, recordId: 'Q1' }))!.token,
      state: { status: 'published', url: 'https://v.example.com/r/q1/' },
    });
    await setRecipientState({
      db,
      token: (await findRecipient({ ...where, recordId: 'Q2' }))!.token,
      state: { status: 'failed', error: 'timeout', retryable: true },
    });
    await setRecipientState({
      db,
      token: (await findRecipient({ ...where, recordId: 'Q3' }))!.token,
      state: { status: 'failed', error: 'timeout', retryable: true },
    });
    const before = await getCampaignCounts({ id: 'requeue', db });
    expect(before).toEqual({ read: 6, accepted: 5, rejected: 1, queued: 1, rendering: 1, published: 1, failed: 2 });
    expect(before.read).toBe(before.accepted + before.rejected);
    expect(before.accepted).toBe(before.queued + before.rendering + before.published + before.failed);

    expect(await requeueRecipients({ ...where, statuses: ['failed', 'rendering'] })).toBe(3);
    expect(await getCampaignCounts({ id: 'requeue', db })).toEqual({
      read: 6,
      accepted: 5,
      rejected: 1,
      queued: 4,
      rendering: 0,
      published: 1,
      failed: 0,
    });
    expect((await findRecipient({ ...where, recordId: 'Q2' }))?.state).toEqual({ status: 'queued' });
    expect(await requeueRecipients({ ...where, statuses: ['failed'] })).toBe(0);
    await claimRecipient({ ...where, recordId: 'Q2', claimant: 'job' });
    await setRecipientState({
      db,
      token: (await findRecipient({ ...where, recordId: 'Q2' }))!.token,
      state: { status: 'failed', error: 'bad data', retryable: false },
    });
    expect(await requeueRecipients({ ...where, statuses: ['failed'] })).toBe(0);
    expect((await findRecipient({ ...where, recordId: 'Q2' }))?.state).toEqual({
      status: 'failed',
      error: 'bad data',
      retryable: false,
    });
    await expect(getCampaignCounts({ db, id: 'no-such-campaign' })).rejects.toBeInstanceOf(NotFoundError);
  });

  it('gives back dates and JSON as they went in', async () => {
    await makeCampaign({ db, id: 'plain' });
    await db.query(
      "update campaigns set starts_at = '2027-03-15', ends_at = '2027-12-31', plan_rules = $2::jsonb where id = $1",
      ['plain', JSON.stringify({ months: [3, 6] })],
    );
    expect(await findCampaign({ db, id: 'plain' })).toMatchObject({
      startsAt: '2027-03-15',
      endsAt: '2027-12-31',
      planRules: { months: [3, 6] },
      run: 0,
    });
  });

  it('keeps the playback mode beside the plan rules, each given back on its own', async () => {
    await createCampaign({
      db,
      campaign: {
        id: 'live',
        templateId: 'gentle-reminder',
        templateVersion: '1.0.0',
        payUrl: 'https://pay.example.com',
        baseUrl: 'https://v.example.com',
        planRules: { months: [6] },
        playback: 'live',
        videoDelivery: 'hls',
      },
    });
    expect(await findCampaign({ db, id: 'live' })).toMatchObject({
      playback: 'live',
      videoDelivery: 'hls',
      planRules: { months: [6] },
    });
    expect((await findCampaign({ db, id: 'live' }))?.planRules).toEqual({ months: [6] });
    expect((await findCampaign({ db, id: 'plain' }))?.playback).toBeUndefined();
    expect((await findCampaign({ db, id: 'plain' }))?.videoDelivery).toBeUndefined();
  });
});

describe('PostgreSQL with several processes', () => {
  it('stores opened on a fresh database at once all succeed, and each migration is applied once', async () => {
    const database = await makePostgresDatabase();
    try {
      const stores = await Promise.all(
        Array.from({ length: 4 }, () => openPostgresStore({ url: database.url, maxConnections: 2 })),
      );
      expect(await appliedVersions(stores[0]!)).toEqual(await migrationVersions());
      const [current] = (await stores[3]!.query<{ name: string }>('select current_database() as name')).rows;
      expect(current?.name).toBe(database.name);
      await Promise.all(stores.map((store) => store.close()));
    } finally {
      await database.drop();
    }
  });

  it('an unreachable server: a KindlyError that names the URL without its password', async () => {
    const url = `postgresql://kindly:hunter2@127.0.0.1:${await getFreePort()}/kindly`;
    const error = await openPostgresStore({ url }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KindlyError);
    expect(error).toMatchObject({ retryable: true, value: expect.stringContaining('kindly:***@127.0.0.1') });
    expect(String((error as Error).message)).not.toContain('hunter2');
  });
});
