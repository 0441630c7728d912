import fs from 'node:fs/promises';
import path from 'node:path';
import { Worker } from 'bullmq';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { requestOpenRender } from '../server/campaigns/request-open-render.ts';
import { sweepCampaigns } from '../server/campaigns/sweep-campaigns.ts';
import { takeDownCampaign } from '../server/campaigns/take-down-campaign.ts';
import { makeRenderKit } from '../server/jobs/make-render-kit.ts';
import { openQueueRunner, renderQueueName, toConnection, type QueueRunner } from '../server/jobs/open-queue-runner.ts';
import { jobPriority, makeOpenJobId } from '../server/jobs/render-job.ts';
import type { RenderJobOutcome } from '../server/jobs/run-render-job.ts';
import { startQueueWorker } from '../server/jobs/start-queue-worker.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { createCampaign, getCampaign } from '../server/store/campaigns.ts';
import { getCampaignProgress } from '../server/store/campaign-progress.ts';
import type { Db } from '../server/store/db.ts';
import { claimOpenRender, insertOpenRender } from '../server/store/open-renders.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { findRecipientByToken, insertRecipients } from '../server/store/recipients.ts';
import { makePayRef, makeToken } from '../server/store/make-token.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { ffprobe } from './helpers/ffprobe.ts';
import { closeAll, type Closers } from './helpers/listen-and-launch.ts';
import { startPrivateRedis } from './helpers/private-redis.ts';
import { seedCampaign } from './helpers/seed-campaign.ts';

// Render on open on the queue: an opened debtor's render overtakes other campaigns' waiting eager
// renders (BullMQ priority), and an open the queue never got (Redis down) is enqueued by the
// sweeper and rendered once; a render whose worker died is rendered again. A Redis server of the file's own, so it can go down; one render.
const base = 'https://v.example.com';
let closers: Closers = [];
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let redis: Awaited<ReturnType<typeof startPrivateRedis>>;
let db: Db;
let runner: QueueRunner;
let prefix = 0;

/** A queue runner with a prefix of its own, emptied and closed after the file. */
const openRunner = () => {
  const opened = openQueueRunner({ db, redisUrl: redis.url, prefix: `kindly-open-${(prefix += 1)}` });
  // Redis goes down on purpose here: the queue's reconnect errors are expected.
  opened.queue.on('error', () => undefined);
  // Closed in reverse: emptied first, then closed.
  closers.push(
    () => opened.close(),
    () => opened.queue.obliterate({ force: true }),
  );
  return opened;
};

/** An on-open campaign whose run is done: every recipient published live, none rendered. */
const seedOpenedCampaign = (id: string) =>
  seedCampaign({ db, id, payUrl: base, baseUrl: base, settings: { renderMode: 'on-open', status: 'done' } });

beforeAll(async () => {
  closers = [];
  temp = await makeTempDir('render-on-open-redis');
  closers.push(() => temp.remove());
  redis = await startPrivateRedis();
  closers.push(() => redis.stop());
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'data') });
  closers.push(() => db.close());
});

afterAll(() => closeAll(closers), 60_000);

describe('render on open on the queue', () => {
  it("puts an opened debtor's render ahead of every eager render waiting", async () => {
    runner = openRunner();
    await createCampaign({
      db,
      campaign: { id: 'eager-wait', templateId: 'gentle-reminder', templateVersion: '1', payUrl: base, baseUrl: base },
    });
    await insertRecipients({
      db,
      campaignId: 'eager-wait',
      recipients: gentleReminder.examples.slice(0, 4).map((example, index) => ({
        recordId: `E-${index + 1}`,
        row: index + 2,
        token: makeToken(),
        payRef: makePayRef(),
        locale: 'en-GB',
        data: example as Record<string, unknown>,
      })),
    });
    const eager = await getCampaign({ db, id: 'eager-wait' });
    expect(await runner.startCampaign({ campaign: eager })).toEqual({ enqueued: 4 });
    await runner.renderOnOpen({ job: { campaignId: 'opened-now', seq: 3 } });
    // A second ask for the same recipient adds nothing.
    await runner.renderOnOpen({ job: { campaignId: 'opened-now', seq: 3 } });
    expect(await runner.getDepth()).toMatchObject({ waiting: 5 });
    const order: string[] = [];
    const taken = new Promise<void>((resolve) => {
      const worker = new Worker(
        renderQueueName,
        async (job) => {
          order.push(`${job.name}:${job.data.campaignId}:${job.opts.priority}`);
          if (order.length === 5) resolve();
        },
        { connection: toConnection(redis.url), prefix: `kindly-open-${prefix}`, concurrency: 1 },
      );
      worker.on('error', () => undefined);
      closers.push(() => worker.close());
    });
    await taken;
    expect(order[0]).toBe(`open-render:opened-now:${jobPriority.onOpen}`);
    expect(order.slice(1)).toEqual(Array(4).fill(`render:eager-wait:${jobPriority.eager}`));
  });

  it('enqueues an open the queue missed (a row with no job) once, and a take-down takes it back', async () => {
    runner = openRunner();
    const [first] = await seedOpenedCampaign('swept-then-down');
    const job = await insertOpenRender({ db, token: first!.token });
    expect(job).toEqual({ campaignId: 'swept-then-down', seq: expect.any(Number) });
    expect(await insertOpenRender({ db, token: first!.token })).toBeUndefined();
    const jobId = makeOpenJobId(job!);
    expect(await runner.queue.getJobState(jobId)).toBe('unknown');
    expect((await sweepCampaigns({ db, runner, staleSeconds: 600 })).openRenders).toBe(1);
    expect(await runner.queue.getJobState(jobId)).toBe('prioritized');
    await sweepCampaigns({ db, runner, staleSeconds: 600 });
    expect(await runner.getDepth()).toMatchObject({ waiting: 1 });
    const publisher = openLocalPublisher({ root: path.join(temp.dir, 'down-site') });
    await takeDownCampaign({ db, runner, publisher, id: 'swept-then-down' });
    expect(await runner.queue.getJobState(jobId)).toBe('unknown');
    expect((await sweepCampaigns({ db, runner, staleSeconds: 600 })).openRenders).toBe(0);
  });

  it('frees the render on open of a worker that died: its job handed out again takes it, the sweeper enqueues it once silent', async () => {
    runner = openRunner();
    const [opened] = await seedOpenedCampaign('worker-died');
    const job = await insertOpenRender({ db, token: opened!.token });
    const jobId = makeOpenJobId(job!);
    const claim = (claimant: string) => claimOpenRender({ db, token: opened!.token, claimant });
    expect(await claim(jobId)).toBe(true);
    // Another job never renders it too; the same job, found stalled and handed out again, does at once.
    expect(await claim('another-job')).toBe(false);
    expect(await claim(jobId)).toBe(true);
    // Its job lost with Redis: while it may still be drawing it is left alone, silent it is enqueued again.
    expect((await sweepCampaigns({ db, runner, staleSeconds: 600 })).openRenders).toBe(0);
    expect(await runner.queue.getJobState(jobId)).toBe('unknown');
    expect((await sweepCampaigns({ db, runner, staleSeconds: 0 })).openRenders).toBe(1);
    expect(await runner.queue.getJobState(jobId)).toBe('prioritized');
    expect(await claim('another-job')).toBe(true);
    expect((await getCampaignProgress({ db, id: 'worker-died' })).onOpen).toMatchObject({ opened: 1, rendered: 0 });
  });

  it('renders an open made while Redis was down once the sweeper sees it, once, keeping the recipient published', async () => {
    runner = openRunner();
    const siteDir = path.join(temp.dir, 'site');
    const publisher = openLocalPublisher({ root: siteDir });
    const [opened] = await seedOpenedCampaign('opened-in-outage');
    const app: FastifyInstance = await buildApp({
      db,
      onCountedView: (view) => requestOpenRender({ db, runner, token: view.token }),
    });
    closers.push(() => app.close());
    await redis.stop();
    const viewed = await app.inject({
      method: 'POST',
      url: '/t/e',
      headers: { 'content-type': 'text/plain', 'user-agent': 'Mozilla/5.0 (Android 15; Mobile) Firefox/140.0' },
      payload: JSON.stringify({ token: opened!.token, type: 'view' }),
    });
    // The view is recorded whatever the queue does.
    expect(viewed.statusCode).toBe(204);
    await expect.poll(async () => (await getCampaignProgress({ db, id: 'opened-in-outage' })).onOpen.opened).toBe(1);
    await redis.restart();
    expect((await sweepCampaigns({ db, runner, staleSeconds: 600 })).openRenders).toBe(1);

    const outcomes: RenderJobOutcome[] = [];
    const kit = makeRenderKit({ publisher, dataDir: path.join(temp.dir, 'data-worker'), browserExecutable: undefined });
    closers.push(() => kit.close());
    const rendered = new Promise<void>((resolve) => {
      const worker = startQueueWorker({
        db,
        publisher,
        ...kit,
        redisUrl: redis.url,
        prefix: `kindly-open-${prefix}`,
        concurrency: 1,
        onOutcome: ({ outcome }) => {
          outcomes.push(outcome);
          resolve();
        },
      });
      closers.push(() => worker.close());
    });
    await rendered;
    expect(outcomes).toEqual([{ kind: 'done', state: { status: 'published', url: `${base}/r/${opened!.token}/` } }]);
    const video = path.join(siteDir, 'r', opened!.token, 'video.mp4');
    const probe = await ffprobe(video);
    expect(probe.streams.map((stream) => stream.codec_type).sort()).toEqual(['audio', 'video']);
    expect(await fs.readdir(path.join(siteDir, 'r'))).toEqual([opened!.token]);
    expect((await findRecipientByToken({ db, token: opened!.token }))?.state).toEqual({
      status: 'published',
      url: `${base}/r/${opened!.token}/`,
    });
    expect((await getCampaignProgress({ db, id: 'opened-in-outage' })).onOpen).toMatchObject({
      opened: 1,
      rendered: 1,
    });
    // Nothing is left to sweep: the render is not asked for again.
    expect((await sweepCampaigns({ db, runner, staleSeconds: 600 })).openRenders).toBe(0);
  }, 300_000);
});
