import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../server/store/db.ts';
import { renderQueueName } from '../server/jobs/open-queue-runner.ts';
import { openPostgresStore } from '../server/store/open-postgres-store.ts';
import { countSegmentManifests } from './helpers/count-segment-manifests.ts';
import { makeFarmApi, type FarmApi } from './helpers/farm-api.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { getFreePort } from '../scripts/lib/free-port.ts';
import { isBrowser, isRunning, listDescendants } from './helpers/list-processes.ts';
import { makePostgresDatabase } from '../scripts/lib/postgres-database.ts';
import { startPrivateRedis } from './helpers/private-redis.ts';
import { startS3Server, type S3Server } from '../scripts/lib/s3-server.ts';
import { spawnKindly, type KindlyProcess } from './helpers/spawn-kindly.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { readPagePayload } from '../scripts/lib/read-page-payload.ts';

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
let farm: FarmApi;
let env: Record<string, string>;
const workers: KindlyProcess[] = [];
const phoneBrowser =
  'Mozilla/5.0 (iPhone; CPU iPhone OS 18_0 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148 Safari/604.1';

const startWorker = (name: string) => {
  const worker = spawnKindly({
    args: ['worker', '--concurrency', '1', '--out', path.join(temp.dir, 'out')],
    env: { ...env, KINDLY_DATA_DIR: path.join(temp.dir, name) },
  });
  workers.push(worker);
  return worker;
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

/** The recipients (positions) of every job of the campaign (any, or those whose ids match `jobs`) a worker logged published. */
const listLoggedPublished = (options: { campaignId: string; jobs?: string }) =>
  workers.flatMap((worker) =>
    [
      ...worker
        .output()
        .matchAll(
          new RegExp(
            `"job":"${options.jobs ?? '[^"]+'}","campaign":"${options.campaignId}","recipient":(\\d+),"seconds":[\\d.]+,"outcome":"published"`,
            'g',
          ),
        ),
    ].map((match) => Number(match[1])),
  );

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
  expect(listLoggedPublished({ campaignId })).toHaveLength(20);
  // The queue board shows finished jobs for days: their statuses, never a personal link.
  const board = await farm.call(
    'GET',
    `/admin/queues/api/queues?activeQueue=${renderQueueName}&status=completed&page=1&jobsPerPage=50`,
  );
  const shown = JSON.stringify(board.json);
  expect(shown).toContain('"status":"published"');
  for (const { token } of rows) expect(shown).not.toContain(token);
  const progress = (await farm.call('GET', `/api/campaigns/${campaignId}`)).json;
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
  farm = makeFarmApi({ baseUrl, apiKey });
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

/** SIGKILLs a rendering worker alone, as the kernel's OOM killer would: its browsers must go with it. */
const killWorker = async (worker: KindlyProcess) => {
  const browsers = (await listDescendants(worker.child.pid!)).filter(isBrowser);
  expect(browsers.length).toBeGreaterThan(0);
  worker.child.kill('SIGKILL');
  await worker.exited;
  const anyRunning = async () => (await Promise.all(browsers.map((browser) => isRunning(browser.pid)))).some(Boolean);
  await waitUntil(async () => !(await anyRunning()), 15_000, "the killed worker's browsers to exit");
};

describe('render farm under faults', () => {
  it('a worker killed with SIGKILL mid-render and restarted: every recipient published exactly once', async () => {
    await farm.makeCampaign({ id: 'farm-kill', namePrefix: 'Debtor' });
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
    await killWorker(first);
    startWorker('worker-a2');
    await waitUntil(async () => (await countByStatus('farm-kill')).published === 20, 1_200_000, 'all 20 published');
    await expectPublishedExactlyOnce('farm-kill');
    // The workers shared one segment store: intro and outro pictures once per locale (2 × 2), the
    // sound of each of the three chunks once (the audio bed reads no field), then one personal
    // chunk picture per recipient; the restarted worker found the shared ones there.
    expect(await countSegmentManifests({ segments })).toBe(2 * 2 + 3 + 20);
  }, 1_500_000);

  it('Redis restarted mid-campaign (its jobs lost): the sweeper enqueues again, every recipient published exactly once', async () => {
    await farm.makeCampaign({ id: 'farm-redis', namePrefix: 'Client' });
    await waitUntil(async () => ((await countByStatus('farm-redis')).published ?? 0) >= 3, 600_000, 'three renders');
    await redis.restart();
    await waitUntil(
      async () => (await countByStatus('farm-redis')).published === 20,
      1_200_000,
      'all 20 published after the restart',
    );
    await expectPublishedExactlyOnce('farm-redis');
  }, 1_500_000);

  it('renders on open under faults (a worker killed mid-render, Redis restarted): each opened debtor once, nobody else', async () => {
    const id = 'farm-open';
    await farm.makeCampaign({ id, namePrefix: 'Payer', render: 'on-open' });
    await waitUntil(async () => (await countByStatus(id)).published === 20, 600_000, 'all 20 published live');
    const siteDir = path.join(temp.dir, 'out', 'site');
    const hasVideo = (token: string) =>
      fs.access(path.join(siteDir, 'r', token, 'video.mp4')).then(
        () => true,
        () => false,
      );
    const { rows } = await db.query<{ token: string; seq: string }>(
      'select token, seq from recipients where campaign_id = $1 order by seq',
      [id],
    );
    for (const { token } of rows) expect(await hasVideo(token)).toBe(false);
    // Six debtors, spread over the list, open their page on a phone: the serve process counts each view.
    const opened = rows.filter((_, index) => index % 3 === 0).slice(0, 6);
    for (const { token } of opened) {
      const response = await fetch(`${baseUrl}/t/e`, {
        method: 'POST',
        headers: { 'content-type': 'text/plain', 'user-agent': phoneBrowser },
        body: JSON.stringify({ token, type: 'view' }),
      });
      expect(response.status).toBe(204);
    }
    // Every page stays published at its link, checked at each look, whatever happens to the renders.
    const getProgress = async () => {
      expect(await countByStatus(id)).toEqual({ published: 20 });
      return (await farm.call('GET', `/api/campaigns/${id}`)).json.progress as { onOpen: Record<string, number> };
    };
    const countRunning = async () => {
      await getProgress();
      const { rows: counts } = await db.query<{ count: string }>(
        'select count(*) as count from open_renders where campaign_id = $1 and touched_at is not null and ready_at is null',
        [id],
      );
      return Number(counts[0]?.count);
    };
    const alive = workers.filter((worker) => worker.child.exitCode === null && worker.child.signalCode === null);
    expect(alive).toHaveLength(2);
    // Both workers (one job at a time each) render opened debtors: one is killed mid-render, then
    // Redis restarts (every job lost) while the others wait or run, then a fresh worker joins.
    const victim = alive[0]!;
    await waitUntil(
      async () => (await countRunning()) === 2 && (await listDescendants(victim.child.pid!)).some(isBrowser),
      300_000,
      'both workers rendering on open',
    );
    await killWorker(victim);
    expect((await getProgress()).onOpen.rendered).toBeLessThan(6);
    await redis.restart();
    startWorker('worker-c');
    // The killed worker's render, its job gone with Redis, is freed once silent for KINDLY_STALE_SECONDS (60).
    await waitUntil(
      async () => (await getProgress()).onOpen.rendered === 6,
      300_000,
      'the six opened debtors rendered',
    );
    expect(await getProgress()).toMatchObject({
      published: 20,
      failed: 0,
      onOpen: { opened: 6, rendered: 6, failed: 0 },
    });
    for (const { token } of rows) {
      const wasOpened = opened.some((row) => row.token === token);
      expect(await hasVideo(token)).toBe(wasOpened);
      expect((await readPagePayload({ siteDir, token })).media.video).toBe(wasOpened ? 'video.mp4' : undefined);
      if (!wasOpened) continue;
      const probe = await ffprobe(path.join(siteDir, 'r', token, 'video.mp4'));
      expect(probe.streams.map((stream) => stream.codec_type).sort()).toEqual(['audio', 'video']);
      expect(probe.streams.find((stream) => stream.codec_type === 'video')?.nb_frames).toBe('450');
    }
    // One render per opened debtor, none for the others, however the faults fell.
    const rendered = listLoggedPublished({ campaignId: id, jobs: String.raw`${id}\.\d+\.open` });
    expect(rendered.sort((a, b) => a - b)).toEqual(opened.map((row) => Number(row.seq)));
  }, 900_000);
});
