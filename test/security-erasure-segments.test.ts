import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { forgetErasedSegments } from '../server/jobs/forget-erased-segments.ts';
import { makeS3SegmentCache } from '../server/render/make-s3-segment-cache.ts';
import type { Db } from '../server/store/db.ts';
import { openPostgresStore } from '../server/store/open-postgres-store.ts';
import {
  auth,
  keptRecord,
  openSegmentCacheApp,
  type CacheEntries,
  type SegmentCacheApp,
} from './helpers/open-segment-cache-app.ts';

// Hold under attack, point 4 (GDPR art. 17): after erasure no cache holds the debtor's personal
// segments, and their link stops working at once in every process, not after a cache's lifetime.

// Two debtors of one locale, in two campaigns: the first leaves the shared intro and outro in the cache.
const erasedRecord = 'E-1,Oliver Bennett,89.90,GBP,2027-02-28,INV-2027-0043,en-GB';

let opened: SegmentCacheApp;
let db: Db;
let app: FastifyInstance;
let otherDb: Db;
/** A second API process on the same database: tracking only, with its own link cache. */
let other: FastifyInstance;
type Link = { id: string; token: string };
let kept: Link;
let erased: Link;
/** The entries in each cache after the first debtor's render, and what the second one's added. */
let before: CacheEntries;
let added: CacheEntries;

beforeAll(async () => {
  opened = await openSegmentCacheApp({ name: 'security-erasure' });
  ({ db, app } = opened);
  otherDb = await openPostgresStore({ url: opened.databaseUrl });
  other = await buildApp({ db: otherDb });
  kept = await opened.renderCampaign('kept', keptRecord);
  before = await opened.listEntries();
  erased = await opened.renderCampaign('erasure', erasedRecord);
  const after = await opened.listEntries();
  added = {
    bucket: after.bucket.filter((key) => !before.bucket.includes(key)),
    folder: after.folder.filter((key) => !before.folder.includes(key)),
  };
}, 600_000);

afterAll(async () => {
  await other?.close();
  await otherDb?.close();
  await opened?.close();
});

describe('erasing a debtor', () => {
  it("indexes the segments each render used: the debtor's own as personal, the shared intro and outro as shared", async () => {
    // The second debtor's render added only their personal segments: intro, outro and sound were there.
    expect(added.bucket.length).toBeGreaterThanOrEqual(1);
    expect(added.folder).toEqual(added.bucket);
    const { rows } = await db.query<{ token: string; key: string; personal: boolean }>(
      'select token, key, personal from recipient_segments order by key',
    );
    const personalOf = (link: Link) =>
      rows.filter((row) => row.token === link.token && row.personal).map((row) => row.key);
    const sharedOf = (link: Link) =>
      rows.filter((row) => row.token === link.token && !row.personal).map((row) => row.key);
    expect(personalOf(erased)).toEqual(added.bucket);
    expect(sharedOf(erased).length).toBeGreaterThanOrEqual(2);
    expect(sharedOf(erased)).toEqual(sharedOf(kept));
    expect([...personalOf(kept), ...sharedOf(kept)].every((key) => before.bucket.includes(key))).toBe(true);
  });

  it('removes their personal segments from the folder and the S3 segment bucket, keeps what others use, and drops their link at once in another process', async () => {
    const { connection, listEntries, temp } = opened;
    // The other process has the link in its cache: a page view and a Pay-now click.
    const beacon = () =>
      other.inject({
        method: 'POST',
        url: '/t/e',
        headers: { 'content-type': 'text/plain' },
        payload: JSON.stringify({ token: erased.token, type: 'view' }),
      });
    const payClick = () => other.inject({ method: 'GET', url: `/t/c/${erased.token}/pay` });
    expect((await beacon()).statusCode).toBe(204);
    expect((await payClick()).statusCode).toBe(302);
    // Beacons are answered from its cache: a change made behind its back (no announcement) goes unseen.
    await db.query('update recipients set erased_at = now() where token = $1', [erased.token]);
    expect((await beacon()).statusCode).toBe(204);
    await db.query('update recipients set erased_at = null where token = $1', [erased.token]);

    // A render machine of the farm took copies of the debtor's segments from the bucket, and listens for erasures.
    const workerData = path.join(temp.dir, 'worker');
    const worker = makeS3SegmentCache({ ...connection, localDir: path.join(workerData, 'segments') });
    for (const key of added.bucket) expect(await worker.get({ key }), key).toBeDefined();
    let listening = () => {};
    const heard = new Promise<void>((resolve) => (listening = resolve));
    const stopForgetting = forgetErasedSegments({
      db: otherDb,
      dataDir: workerData,
      onState: (state) => state && listening(),
    });
    const workerFolder = () =>
      fs
        .readdir(path.join(workerData, 'segments'))
        .then((shards) =>
          Promise.all(
            shards
              .filter((shard) => shard.length === 2)
              .map((shard) => fs.readdir(path.join(workerData, 'segments', shard))),
          ),
        )
        .then((lists) => lists.flat());
    expect((await workerFolder()).sort()).toEqual(added.bucket);
    await heard;

    const response = await app.inject({
      method: 'DELETE',
      url: `/api/campaigns/erasure/recipients/${erased.id}`,
      headers: auth,
    });
    expect(response.statusCode).toBe(204);
    // At once, not after the 30 s a cached link used to live: the very next requests are refused.
    expect((await beacon()).statusCode).toBe(404);
    const click = await payClick();
    expect(click.statusCode).toBe(404);
    expect(click.headers.location).toBeUndefined();

    // Every cache holds exactly what it held before this debtor: the other debtor's and the shared entries.
    expect(await listEntries()).toEqual(before);
    // The render machine dropped its copies as it heard of the erasure; asked again, it finds none in the bucket either.
    for (let waited = 0; waited < 40 && (await workerFolder()).length > 0; waited += 1)
      await new Promise((resolve) => setTimeout(resolve, 50));
    expect(await workerFolder()).toEqual([]);
    await stopForgetting?.();
    for (const key of added.bucket) expect(await worker.get({ key }), key).toBeUndefined();
    for (const key of before.bucket) expect(await worker.get({ key }), key).toBeDefined();
    const index = await db.query<{ count: string }>(
      'select count(*)::text as count from recipient_segments where token = $1',
      [erased.token],
    );
    expect(index.rows[0]?.count).toBe('0');
    const stored = await db.query<{ count: string }>(
      'select count(*)::text as count from events where record_id = $1',
      [erased.id],
    );
    expect(stored.rows[0]?.count).toBe('0');
  });
});
