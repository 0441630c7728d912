import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { forgetErasedSegments } from '../server/jobs/forget-erased-segments.ts';
import { processRecipient } from '../server/jobs/process-recipient.ts';
import { openInProcessRunner } from '../server/jobs/open-in-process-runner.ts';
import { makeNeutralMediaMemo } from '../server/jobs/make-neutral-media-memo.ts';
import { makeRendererPool } from '../server/jobs/renderer-pool.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { publishSiteAssets } from '../server/publish/publish-site-assets.ts';
import { makeFolderSegmentCache } from '../server/render/make-folder-segment-cache.ts';
import { makeS3SegmentCache } from '../server/render/make-s3-segment-cache.ts';
import { findCampaign } from '../server/store/campaigns.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { openPostgresStore } from '../server/store/open-postgres-store.ts';
import { findRecipient } from '../server/store/recipients.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { makePostgresDatabase } from '../scripts/lib/postgres-database.ts';
import { startS3Server, type S3Server } from '../scripts/lib/s3-server.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// Hold under attack, point 4 (GDPR art. 17): after erasure no cache holds the debtor's personal
// segments, and their link stops working at once in every process, not after a cache's lifetime.
const apiKey = 'erasure-key-0123456789abcdef';
const auth = { authorization: `Bearer ${apiKey}` };
const header = 'id,name,amount,currency,due_date,invoice,locale';
// Two debtors of one locale, in two campaigns: the first leaves the shared intro and outro in the cache.
const keptRecord = 'K-2,Harriet Okonkwo-Smythe,1480.25,GBP,2027-03-31,INV-2027-0099,en-GB';
const erasedRecord = 'E-1,Oliver Bennett,89.90,GBP,2027-02-28,INV-2027-0043,en-GB';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let database: Awaited<ReturnType<typeof makePostgresDatabase>>;
let s3: S3Server;
let client: S3Client;
let db: Db;
let otherDb: Db;
let app: FastifyInstance;
/** A second API process on the same database: tracking only, with its own link cache. */
let other: FastifyInstance;
let runner: ReturnType<typeof openInProcessRunner>;
let publisher: ReturnType<typeof openLocalPublisher>;
let pool: ReturnType<typeof makeRendererPool>;
let localDir: string;
let connection: {
  endpoint: string;
  region: string;
  forcePathStyle: true;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  prefix: string;
};
type Link = { id: string; token: string };
let kept: Link;
let erased: Link;
/** The entries in each cache after the first debtor's render, and what the second one's added. */
let before: { bucket: string[]; folder: string[] };
let added: { bucket: string[]; folder: string[] };

/** Entry keys in the S3 segment bucket (`segments/<2>/<key>/<file>`), each once. */
async function listBucketEntries(): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await client.send(
      new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'segments/', ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((object) => (object.Key ?? '').split('/')[2] ?? ''));
    token = page.NextContinuationToken;
  } while (token);
  return [...new Set(keys)].sort();
}

/** Entry keys in the local segment folder (`<2>/<key>/`). */
async function listFolderEntries(): Promise<string[]> {
  const shards = (await fs.readdir(localDir)).filter((name) => /^[0-9a-f]{2}$/.test(name));
  return (await Promise.all(shards.map((shard) => fs.readdir(path.join(localDir, shard))))).flat().sort();
}

const listEntries = async () => ({ bucket: await listBucketEntries(), folder: await listFolderEntries() });

/** A campaign of one debtor, created, filled and rendered through the admin API. */
async function renderCampaign(id: string, record: string): Promise<Link> {
  expect(
    (
      await app.inject({
        method: 'POST',
        url: '/api/campaigns',
        headers: auth,
        payload: { id, template: 'gentle-reminder', payUrl: 'https://pay.example.com/checkout' },
      })
    ).statusCode,
  ).toBe(201);
  const form = await makeMultipart({ file: { name: 'records.csv', contents: `${header}\n${record}\n` } });
  expect(
    (
      await app.inject({
        method: 'POST',
        url: `/api/campaigns/${id}/records`,
        headers: { ...auth, ...form.headers },
        payload: form.payload,
      })
    ).json(),
  ).toMatchObject({ accepted: 1 });
  // The upload answers before its campaign is marked ready; a start just then would be refused.
  while ((await app.inject({ method: 'GET', url: `/api/campaigns/${id}`, headers: auth })).json().status !== 'ready')
    await new Promise((resolve) => setTimeout(resolve, 50));
  const start = await app.inject({ method: 'POST', url: `/api/campaigns/${id}/start`, headers: auth });
  expect(start.statusCode, start.body).toBe(200);
  await runner.idle({ campaignId: id });
  const { rows } = await db.query<{ record_id: string; token: string; status: string }>(
    'select record_id, token, status from recipients where campaign_id = $1',
    [id],
  );
  expect(rows.map((row) => row.status)).toEqual(['published']);
  return { id: rows[0]!.record_id, token: rows[0]!.token };
}

beforeAll(async () => {
  temp = await makeTempDir('security-erasure');
  database = await makePostgresDatabase();
  s3 = await startS3Server({ bucket: `kindly-${crypto.randomBytes(4).toString('hex')}` });
  connection = {
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    bucket: s3.bucket,
    prefix: 'segments',
  };
  client = new S3Client({
    endpoint: s3.endpoint,
    region: s3.region,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  db = await openPostgresStore({ url: database.url });
  otherDb = await openPostgresStore({ url: database.url });
  localDir = path.join(temp.dir, 'segments');
  const segmentCache = makeS3SegmentCache({ ...connection, localDir });
  publisher = openLocalPublisher({ root: path.join(temp.dir, 'site') });
  pool = makeRendererPool({ browserExecutable: undefined, segmentCache });
  runner = openInProcessRunner({
    db,
    publisher,
    pool,
    getAssets: () => publishSiteAssets({ publisher }),
    getNeutralMedia: makeNeutralMediaMemo({ pool, publisher, workRoot: path.join(temp.dir, 'work') }),
    workRoot: path.join(temp.dir, 'work'),
  });
  app = await buildApp({ db, apiKey, runner, publisher, segmentCache, defaultBaseUrl: 'https://v.example.com' });
  other = await buildApp({ db: otherDb });
  kept = await renderCampaign('kept', keptRecord);
  before = await listEntries();
  erased = await renderCampaign('erasure', erasedRecord);
  const after = await listEntries();
  added = {
    bucket: after.bucket.filter((key) => !before.bucket.includes(key)),
    folder: after.folder.filter((key) => !before.folder.includes(key)),
  };
}, 600_000);

afterAll(async () => {
  await other?.close();
  await app?.close();
  await runner?.close();
  await pool?.close();
  await otherDb?.close();
  await db?.close();
  client?.destroy();
  await s3?.stop();
  await database?.drop();
  await temp?.remove();
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

  it('removes the personal segments of a render that failed after caching them', async () => {
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/campaigns',
          headers: auth,
          payload: { id: 'failing', template: 'gentle-reminder', payUrl: 'https://pay.example.com/checkout' },
        })
      ).statusCode,
    ).toBe(201);
    const form = await makeMultipart({
      file: {
        name: 'records.csv',
        contents: `${header}\nF-1,Imogen Achterberg,312.40,GBP,2027-03-20,INV-2027-0101,en-GB\n`,
      },
    });
    expect(
      (
        await app.inject({
          method: 'POST',
          url: '/api/campaigns/failing/records',
          headers: { ...auth, ...form.headers },
          payload: form.payload,
        })
      ).json(),
    ).toMatchObject({ accepted: 1 });
    const campaign = (await findCampaign({ db, id: 'failing' }))!;
    const recipient = (await findRecipient({ db, campaignId: 'failing', recordId: 'F-1' }))!;
    const lease = await pool.lease(gentleReminder);
    // Stopped once the video (and so its personal chunk) is made, before the poster: the render fails.
    const stop = new AbortController();
    const state = await processRecipient({
      db,
      campaign,
      template: gentleReminder,
      getRenderer: async () => lease.renderer,
      publisher,
      assets: await publishSiteAssets({ publisher }),
      recipient,
      workRoot: path.join(temp.dir, 'work'),
      signal: stop.signal,
      onProgress: (progress) => progress >= 0.95 && stop.abort(),
    }).finally(() => lease.release());
    expect(state.status).toBe('failed');
    const { rows } = await db.query<{ key: string }>(
      'select key from recipient_segments where token = $1 and personal',
      [recipient.token],
    );
    expect(rows.length).toBeGreaterThanOrEqual(1);
    const cached = await listEntries();
    for (const { key } of rows) expect(cached.bucket).toContain(key);

    expect(
      (await app.inject({ method: 'DELETE', url: '/api/campaigns/failing/recipients/F-1', headers: auth })).statusCode,
    ).toBe(204);
    const after = await listEntries();
    for (const { key } of rows) {
      expect(after.bucket).not.toContain(key);
      expect(after.folder).not.toContain(key);
    }
  }, 300_000);

  it('drops the link at once on the embedded store too (one process, its own notifications)', async () => {
    const embedded = await makeTempDir('security-erasure-embedded');
    const store = await openEmbeddedStore({ dataDir: embedded.dir });
    const [debtor] = await seedCampaign({
      db: store,
      id: 'embedded',
      payUrl: 'https://pay.example.com/checkout',
      baseUrl: 'https://v.example.com',
    });
    const publisher = openLocalPublisher({ root: path.join(embedded.dir, 'site') });
    const here = await buildApp({
      db: store,
      apiKey,
      runner,
      publisher,
      segmentCache: makeFolderSegmentCache({ dir: path.join(embedded.dir, 'segments') }),
    });
    try {
      const beacon = () =>
        here.inject({
          method: 'POST',
          url: '/t/e',
          headers: { 'content-type': 'text/plain' },
          payload: JSON.stringify({ token: debtor!.token, type: 'view' }),
        });
      expect((await beacon()).statusCode).toBe(204);
      await store.query('update recipients set erased_at = now() where token = $1', [debtor!.token]);
      expect((await beacon()).statusCode).toBe(204);
      await store.query('update recipients set erased_at = null where token = $1', [debtor!.token]);
      expect(
        (
          await here.inject({
            method: 'DELETE',
            url: `/api/campaigns/embedded/recipients/${debtor!.recordId}`,
            headers: auth,
          })
        ).statusCode,
      ).toBe(204);
      expect((await beacon()).statusCode).toBe(404);
      expect((await here.inject({ method: 'GET', url: `/t/c/${debtor!.token}/pay` })).statusCode).toBe(404);
    } finally {
      await here.close();
      await store.close();
      await embedded.remove();
    }
  }, 60_000);
});
