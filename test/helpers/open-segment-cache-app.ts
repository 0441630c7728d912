import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
import { expect } from 'vitest';
import { buildApp } from '../../server/api/build-app.ts';
import { makeNeutralMediaMemo } from '../../server/jobs/make-neutral-media-memo.ts';
import { openInProcessRunner } from '../../server/jobs/open-in-process-runner.ts';
import { makeRendererPool } from '../../server/jobs/renderer-pool.ts';
import { openLocalPublisher } from '../../server/publish/open-local-publisher.ts';
import { publishSiteAssets } from '../../server/publish/publish-site-assets.ts';
import { makeS3SegmentCache } from '../../server/render/make-s3-segment-cache.ts';
import type { Db } from '../../server/store/db.ts';
import { openPostgresStore } from '../../server/store/open-postgres-store.ts';
import { makePostgresDatabase } from '../../scripts/lib/postgres-database.ts';
import { startS3Server } from '../../scripts/lib/s3-server.ts';
import { makeTempDir } from '../../scripts/lib/temp-dir.ts';
import { makeMultipart } from './multipart.ts';

export const apiKey = 'erasure-key-0123456789abcdef';
export const auth = { authorization: `Bearer ${apiKey}` };
const header = 'id,name,amount,currency,due_date,invoice,locale';
/** A debtor whose render leaves the shared en-GB intro and outro in the segment caches. */
export const keptRecord = 'K-2,Harriet Okonkwo-Smythe,1480.25,GBP,2027-03-31,INV-2027-0099,en-GB';

/** Entry keys in each segment cache: the S3 bucket's and the local folder's. */
export type CacheEntries = { bucket: string[]; folder: string[] };

/** What the S3 segment cache needs to reach the bucket. */
export type SegmentBucket = {
  endpoint: string;
  region: string;
  forcePathStyle: true;
  accessKeyId: string;
  secretAccessKey: string;
  bucket: string;
  prefix: string;
};

/** An API on its own PostgreSQL database, rendering in process, caching segments in a folder and an S3 bucket. */
export type SegmentCacheApp = {
  temp: Awaited<ReturnType<typeof makeTempDir>>;
  db: Db;
  databaseUrl: string;
  app: FastifyInstance;
  runner: ReturnType<typeof openInProcessRunner>;
  publisher: ReturnType<typeof openLocalPublisher>;
  pool: ReturnType<typeof makeRendererPool>;
  connection: SegmentBucket;
  listEntries: () => Promise<CacheEntries>;
  /** Creates a campaign through the admin API and uploads one record (a CSV row) to it. */
  uploadCampaign: (id: string, record: string) => Promise<void>;
  /** A campaign of one debtor, created, filled and rendered through the admin API: their record id and token. */
  renderCampaign: (id: string, record: string) => Promise<{ id: string; token: string }>;
  close: () => Promise<void>;
};

/** Opens the database, the S3-protocol server, the renderer pool, the runner and the app. */
export async function openSegmentCacheApp(options: { name: string }): Promise<SegmentCacheApp> {
  const temp = await makeTempDir(options.name);
  const closers: (() => unknown)[] = [() => temp.remove()];
  const close = async () => {
    for (const closeOne of closers.reverse()) await closeOne();
  };
  try {
    const database = await makePostgresDatabase();
    closers.push(() => database.drop());
    const s3 = await startS3Server({ bucket: `kindly-${crypto.randomBytes(4).toString('hex')}` });
    closers.push(() => s3.stop());
    const connection: SegmentBucket = {
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: true,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      bucket: s3.bucket,
      prefix: 'segments',
    };
    const client = new S3Client({
      endpoint: s3.endpoint,
      region: s3.region,
      forcePathStyle: true,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    closers.push(() => client.destroy());
    const db = await openPostgresStore({ url: database.url });
    closers.push(() => db.close());
    const localDir = path.join(temp.dir, 'segments');
    const segmentCache = makeS3SegmentCache({ ...connection, localDir });
    const publisher = openLocalPublisher({ root: path.join(temp.dir, 'site') });
    const pool = makeRendererPool({ browserExecutable: undefined, segmentCache });
    closers.push(() => pool.close());
    const runner = openInProcessRunner({
      db,
      publisher,
      pool,
      getAssets: () => publishSiteAssets({ publisher }),
      getNeutralMedia: makeNeutralMediaMemo({ pool, publisher, workRoot: path.join(temp.dir, 'work') }),
      workRoot: path.join(temp.dir, 'work'),
    });
    closers.push(() => runner.close());
    const app = await buildApp({
      db,
      apiKey,
      runner,
      publisher,
      segmentCache,
      defaultBaseUrl: 'https://v.example.com',
    });
    closers.push(() => app.close());

    /** Entry keys in the S3 segment bucket (`segments/<2>/<key>/<file>`), each once. */
    const listBucketEntries = async () => {
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
    };
    /** Entry keys in the local segment folder (`<2>/<key>/`). */
    const listFolderEntries = async () => {
      const shards = (await fs.readdir(localDir)).filter((name) => /^[0-9a-f]{2}$/.test(name));
      return (await Promise.all(shards.map((shard) => fs.readdir(path.join(localDir, shard))))).flat().sort();
    };
    const uploadCampaign = async (id: string, record: string) => {
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
    };
    const renderCampaign = async (id: string, record: string) => {
      await uploadCampaign(id, record);
      // The upload answers before its campaign is marked ready; a start just then would be refused.
      while (
        (await app.inject({ method: 'GET', url: `/api/campaigns/${id}`, headers: auth })).json().status !== 'ready'
      )
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
    };
    return {
      temp,
      db,
      databaseUrl: database.url,
      app,
      runner,
      publisher,
      pool,
      connection,
      listEntries: async () => ({ bucket: await listBucketEntries(), folder: await listFolderEntries() }),
      uploadCampaign,
      renderCampaign,
      close,
    };
  } catch (error) {
    await close();
    throw error;
  }
}
