import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../server/store/db.ts';
import { renderQueueName } from '../server/jobs/open-queue-runner.ts';
import { openPostgresStore } from '../server/store/open-postgres-store.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { isBrowser, isRunning, listDescendants } from './helpers/list-processes.ts';
import { makePostgresDatabase } from '../scripts/lib/postgres-database.ts';
import { startPrivateRedis } from './helpers/private-redis.ts';
import { startS3Server, type S3Server } from '../scripts/lib/s3-server.ts';
import { spawnKindly, type KindlyProcess } from './helpers/spawn-kindly.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// The farm as it is deployed: one `kindly serve` (API, sweeper) and two `kindly worker`s sharing
// PostgreSQL, Redis, the site folder and a private segment bucket (each worker has its own data
// folder, as on separate machines), each a real process; faults are real (SIGKILL, Redis restart).
const apiKey = `farm-test-key-${crypto.randomBytes(6).toString('hex')}`;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let database: Awaited<ReturnType<typeof makePostgresDatabase>>;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let segments: S3Server;
let db: Db;
let api: KindlyProcess;
let baseUrl: string;
let env: Record<string, string>;
const workers: KindlyProcess[] = [];

const startWorker = (name: string) => {
  const worker = spawnKindly({
    args: ['worker', '--concurrency', '1', '--out', path.join(temp.dir, 'out')],
    env: { ...env, KINDLY_DATA_DIR: path.join(temp.dir, name) },
  });
  workers.push(worker);
  return worker;
};

const call = async (method: string, url: string, body?: unknown) => {
  const response = await fetch(`${baseUrl}${url}`, {
    method,
    headers: {
      authorization: `Bearer ${apiKey}`,
      ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
    },
    body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
  });
  return { status: response.status, json: (await response.json()) as Record<string, unknown> };
};

const makeCampaign = async (id: string, namePrefix: string) => {
  expect(
    (
      await call('POST', '/api/campaigns', {
        id,
        template: 'gentle-reminder',
        payUrl: 'https://pay.example.com/c',
        baseUrl: 'https://v.example.com',
      })
    ).status,
  ).toBe(201);
  const rows = Array.from(
    { length: 20 },
    (_, index) =>
      `D${index + 1};${namePrefix} ${index + 1};${100 + index},00;15/03/2027;FT-${index + 1};${index % 2 ? 'en-GB' : 'it-IT'}`,
  );
  const form = new FormData();
  form.append(
    'file',
    new Blob([['id;name;amount;due_date;invoice;locale', ...rows].join('\n')], { type: 'text/csv' }),
    'debtors.csv',
  );
  expect((await call('POST', `/api/campaigns/${id}/records`, form)).json).toMatchObject({
    read: 20,
    accepted: 20,
    rejected: 0,
  });
  expect((await call('POST', `/api/campaigns/${id}/start`)).json).toMatchObject({ enqueued: 20 });
};

const countByStatus = async (campaignId: string) => {
  const { rows } = await db.query<{ status: string; count: string }>(
    'select status, count(*) as count from recipients where campaign_id = $1 group by status',
    [campaignId],
  );
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
};

const waitUntil = async (check: () => Promise<boolean>, timeoutMs: number, what: string) => {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  throw new Error(
    `timed out waiting for ${what}\n${api.output()}\n${workers.map((worker) => worker.output()).join('\n')}`,
  );
};

const expectPublishedExactlyOnce = async (campaignId: string) => {
  expect(await countByStatus(campaignId)).toEqual({ published: 20 });
  const { rows } = await db.query<{ token: string }>('select token from recipients where campaign_id = $1', [
    campaignId,
  ]);
  expect(new Set(rows.map((row) => row.token)).size).toBe(20);
  for (const { token } of rows) {
    const video = path.join(temp.dir, 'out', 'site', 'r', token, 'video.mp4');
    const probe = await ffprobe(video);
    expect(probe.streams.find((stream) => stream.codec_type === 'video')?.nb_frames).toBe('450');
    await fs.access(path.join(temp.dir, 'out', 'site', 'r', token, 'index.html'));
  }
  const published = workers.map(
    (worker) =>
      worker
        .output()
        .match(new RegExp(`"campaign":"${campaignId}","recipient":\\d+,"seconds":[\\d.]+,"outcome":"published"`, 'g'))
        ?.length ?? 0,
  );
  expect(published.reduce((sum, count) => sum + count, 0)).toBe(20);
  // The queue board shows finished jobs for days: their statuses, never a personal link.
  const board = await call(
    'GET',
    `/admin/queues/api/queues?activeQueue=${renderQueueName}&status=completed&page=1&jobsPerPage=50`,
  );
  const shown = JSON.stringify(board.json);
  expect(shown).toContain('"status":"published"');
  for (const { token } of rows) expect(shown).not.toContain(token);
  const progress = (await call('GET', `/api/campaigns/${campaignId}`)).json;
  expect(progress.status).toBe('done');
  expect(progress.progress).toMatchObject({
    read: 20,
    accepted: 20,
    rejected: 0,
    published: 20,
    failed: 0,
    queued: 0,
    rendering: 0,
  });
};

beforeAll(async () => {
  temp = await makeTempDir('farm');
  database = await makePostgresDatabase();
  redis = await startPrivateRedis();
  segments = await startS3Server({ bucket: `segments-${crypto.randomBytes(4).toString('hex')}` });
  const port = await getFreePort();
  baseUrl = `http://127.0.0.1:${port}`;
  env = {
    DATABASE_URL: database.url,
    REDIS_URL: redis.url,
    KINDLY_QUEUE_PREFIX: `farm${crypto.randomBytes(3).toString('hex')}`,
    KINDLY_API_KEY: apiKey,
    KINDLY_PORT: String(port),
    KINDLY_SWEEP_SECONDS: '2',
    KINDLY_STALE_SECONDS: '60',
    KINDLY_RENDER_CONCURRENCY: '1',
    KINDLY_SEGMENT_BUCKET: segments.bucket,
    KINDLY_S3_ENDPOINT: segments.endpoint,
    AWS_ACCESS_KEY_ID: segments.accessKeyId,
    AWS_SECRET_ACCESS_KEY: segments.secretAccessKey,
  };
  api = spawnKindly({
    args: ['serve', '--out', path.join(temp.dir, 'out')],
    env: { ...env, KINDLY_DATA_DIR: path.join(temp.dir, 'api') },
  });
  await api.waitFor('Serving', 60_000);
  db = await openPostgresStore({ url: database.url });
}, 120_000);

afterAll(async () => {
  for (const process of [...workers, api]) process?.kill('SIGKILL');
  await segments?.stop();
  await db?.close();
  await redis?.stop();
  await database?.drop();
  await temp?.remove();
});

const countSegmentEntries = async () => {
  const client = new S3Client({
    endpoint: segments.endpoint,
    region: segments.region,
    forcePathStyle: true,
    credentials: { accessKeyId: segments.accessKeyId, secretAccessKey: segments.secretAccessKey },
  });
  let count = 0;
  let token: string | undefined;
  do {
    const page = await client.send(new ListObjectsV2Command({ Bucket: segments.bucket, ContinuationToken: token }));
    count += (page.Contents ?? []).filter((object) => object.Key?.endsWith('/manifest.json')).length;
    token = page.NextContinuationToken;
  } while (token);
  client.destroy();
  return count;
};

describe('render farm under faults', () => {
  it('a worker killed with SIGKILL mid-render and restarted: every recipient published exactly once', async () => {
    await makeCampaign('farm-kill', 'Debtor');
    const first = startWorker('worker-a');
    startWorker('worker-b');
    await waitUntil(
      async () =>
        ((await countByStatus('farm-kill')).published ?? 0) >= 2 &&
        /"campaign":"farm-kill".*"outcome":"published"/.test(first.output()),
      600_000,
      'two renders',
    );
    await waitUntil(
      async () => ((await countByStatus('farm-kill')).rendering ?? 0) >= 2,
      120_000,
      'both workers rendering',
    );
    const browsers = (await listDescendants(first.child.pid!)).filter(isBrowser);
    expect(browsers.length).toBeGreaterThan(0);
    // Only the worker is killed, as the kernel's OOM killer would: its browsers must go with it.
    first.child.kill('SIGKILL');
    await first.exited;
    const anyRunning = async () => (await Promise.all(browsers.map((browser) => isRunning(browser.pid)))).some(Boolean);
    await waitUntil(async () => !(await anyRunning()), 15_000, "the killed worker's browsers to exit");
    startWorker('worker-a2');
    await waitUntil(async () => (await countByStatus('farm-kill')).published === 20, 1_200_000, 'all 20 published');
    await expectPublishedExactlyOnce('farm-kill');
    // The workers shared one segment store: intro and outro pictures once per locale (2 × 2), the
    // sound of each of the three chunks once (the audio bed reads no field), then one personal
    // chunk picture per recipient; the restarted worker found the shared ones there.
    expect(await countSegmentEntries()).toBe(2 * 2 + 3 + 20);
  }, 1_500_000);

  it('Redis restarted mid-campaign (its jobs lost): the sweeper enqueues again, every recipient published exactly once', async () => {
    await makeCampaign('farm-redis', 'Client');
    await waitUntil(async () => ((await countByStatus('farm-redis')).published ?? 0) >= 3, 600_000, 'three renders');
    await redis.restart();
    await waitUntil(
      async () => (await countByStatus('farm-redis')).published === 20,
      1_200_000,
      'all 20 published after the restart',
    );
    await expectPublishedExactlyOnce('farm-redis');
  }, 1_500_000);
});
