import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { openInProcessRunner } from '../server/jobs/open-in-process-runner.ts';
import { makeNeutralMediaMemo } from '../server/jobs/make-neutral-media-memo.ts';
import { makeRendererPool } from '../server/jobs/renderer-pool.ts';
import { openS3Publisher } from '../server/publish/open-s3-publisher.ts';
import { publishRecipient } from '../server/publish/publish-recipient.ts';
import type { Publisher } from '../server/publish/publisher.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { startS3Server, type S3Server } from '../scripts/lib/s3-server.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

let s3: S3Server;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let publisher: Publisher;
let client: S3Client;
let key: string;
let runner: ReturnType<typeof openInProcessRunner>;
let pool: ReturnType<typeof makeRendererPool>;
let recipients: Awaited<ReturnType<typeof seedCampaign>>;

const listKeys = async () => {
  const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: 'site/' }));
  return (page.Contents ?? []).map((object) => object.Key ?? '').sort();
};

beforeAll(async () => {
  s3 = await startS3Server({ bucket: `kindly-${crypto.randomBytes(4).toString('hex')}` });
  const settings = {
    endpoint: s3.endpoint,
    bucket: s3.bucket,
    region: s3.region,
    accessKeyId: s3.accessKeyId,
    secretAccessKey: s3.secretAccessKey,
    forcePathStyle: true,
  };
  client = new S3Client({
    ...settings,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  publisher = openS3Publisher({ ...settings, prefix: 'site' });
  temp = await makeTempDir('erase-s3');
  db = await openEmbeddedStore({ dataDir: temp.dir });
  recipients = await seedCampaign({
    db,
    id: 'erase-me',
    payUrl: 'https://pay.example.com',
    baseUrl: 'https://v.example.com',
  });
  const media = {
    video: path.join(temp.dir, 'v.mp4'),
    poster: path.join(temp.dir, 'p.jpg'),
    thumbnail: path.join(temp.dir, 't.webp'),
    captions: path.join(temp.dir, 'c.vtt'),
  };
  for (const file of Object.values(media)) await fs.writeFile(file, crypto.randomBytes(1000));
  for (const recipient of recipients.slice(0, 2))
    await publishRecipient({ publisher, token: recipient.token, media, html: '<!doctype html><title>x</title>' });
  pool = makeRendererPool({ browserExecutable: undefined });
  runner = openInProcessRunner({
    db,
    publisher,
    pool,
    getAssets: async () => ({ css: '', script: '', interactive: '', logo: '' }),
    getNeutralMedia: makeNeutralMediaMemo({ pool, publisher, workRoot: temp.dir }),
    workRoot: temp.dir,
  });
  app = await buildApp({ db, publisher, runner });
  key = (await createApiKey({ db, name: 'test', role: 'admin' })).key;
});

afterAll(async () => {
  await app?.close();
  await runner?.close();
  await pool?.close();
  await db?.close();
  client?.destroy();
  await s3?.stop();
  await temp?.remove();
});

describe('erasing a debtor on an S3 CDN origin', () => {
  it('removes exactly their files from the bucket and their personal data from the store', async () => {
    const [erased, kept] = recipients;
    expect(await listKeys()).toHaveLength(10);
    const response = await app.inject({
      method: 'DELETE',
      url: `/api/campaigns/erase-me/recipients/${erased!.recordId}`,
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.statusCode).toBe(204);
    const left = await listKeys();
    expect(left).toHaveLength(5);
    expect(left.every((each) => each.startsWith(`site/r/${kept!.token}/`))).toBe(true);
    const { rows } = await db.query<{ data: unknown }>('select data from recipients where token = $1', [erased!.token]);
    expect(rows).toEqual([{ data: null }]);
  });

  it('unpublishes a whole campaign, counting the published recipients not already erased', async () => {
    const response = await app.inject({
      method: 'DELETE',
      url: '/api/campaigns/erase-me/published',
      headers: { authorization: `Bearer ${key}` },
    });
    expect(response.json()).toEqual({ removed: recipients.length - 1 });
    expect(await listKeys()).toEqual([]);
  });
});
