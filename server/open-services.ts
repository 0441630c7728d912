import type { Queue, Worker } from 'bullmq';
import type { Config } from './config.ts';
import { requestOpenRender } from './campaigns/request-open-render.ts';
import { InputError } from './errors.ts';
import { openInProcessRunner, type InProcessRunner } from './jobs/open-in-process-runner.ts';
import { openQueueRunner, type QueueRunner } from './jobs/open-queue-runner.ts';
import { makeRenderMetrics, type RenderMetrics } from './jobs/render-metrics.ts';
import { makeRenderKit } from './jobs/make-render-kit.ts';
import type { RenderJobData } from './jobs/render-job.ts';
import { startQueueWorker, type QueuedJobResult, type WorkerOutcomeListener } from './jobs/start-queue-worker.ts';
import { openPublisher } from './publish/open-publisher.ts';
import type { Publisher } from './publish/publisher.ts';
import { openSegmentCache } from './render/open-segment-cache.ts';
import type { SegmentCache } from './render/segment-cache.ts';
import type { Db } from './store/db.ts';
import { openStore } from './store/open-store.ts';

/**
 * Where this process's renders happen: as configured (the queue with REDIS_URL, else here), always
 * here (`kindly render`, `demo`), or as a queue worker taking jobs from Redis (`kindly worker`).
 */
export type RenderPlace =
  'configured' | 'here' | { worker: { concurrency: number; onOutcome?: WorkerOutcomeListener } };

/** What a Kindly process works with, chosen from the configuration: embedded defaults or PostgreSQL, Redis and S3. */
export type Services = {
  db: Db;
  publisher: Publisher;
  /** Where render jobs go: this process (one render kit for it) or the queue. */
  runner: InProcessRunner | QueueRunner;
  queue: Queue | undefined;
  /** The queue worker of `kindly worker`; none elsewhere. */
  worker: Worker<RenderJobData, QueuedJobResult> | undefined;
  metrics: RenderMetrics;
  /** The rendered segments (erasure removes a debtor's personal ones). */
  segmentCache: SegmentCache;
  /**
   * What a counted page view sets off (given to tracking, which never renders itself): in a
   * campaign rendering on open, the first view of a page enqueues its recipient's render.
   */
  requestOpenRender: (view: { token: string }) => Promise<boolean>;
  /** Resolves when the shared segments this process started making ahead are made (see makeSharedWarmer). */
  sharedSettled: () => Promise<void>;
  /** Stops the runner or worker (running renders finish), closes the browsers and the store. */
  close: () => Promise<void>;
};

/**
 * The one place that wires Kindly's parts: opens the store, the CDN publisher, the render kit
 * (once per process) and the job runner the configuration and `renders` name.
 */
export async function openServices(options: {
  config: Config;
  siteDir: string;
  renders?: RenderPlace;
}): Promise<Services> {
  const { config } = options;
  const renders = options.renders ?? 'configured';
  const db = await openStore({ config });
  const publisher = openPublisher({ config, localRoot: options.siteDir });
  const metrics = makeRenderMetrics();
  const segmentCache = openSegmentCache({ dataDir: config.dataDir, segmentStore: config.segmentStore });
  const openQueue = (redisUrl: string) =>
    openQueueRunner({ db, redisUrl, prefix: config.queuePrefix, attempts: config.jobAttempts });
  if (renders === 'configured' && config.redisUrl) {
    const runner = openQueue(config.redisUrl);
    return {
      db,
      publisher,
      runner,
      queue: runner.queue,
      worker: undefined,
      metrics,
      segmentCache,
      requestOpenRender: (view) => requestOpenRender({ db, runner, token: view.token }),
      sharedSettled: async () => undefined,
      close: async () => (await runner.close(), await db.close()),
    };
  }
  const kit = makeRenderKit({
    publisher,
    dataDir: config.dataDir,
    browserExecutable: config.browserExecutable,
    frameConcurrency: config.renderConcurrency,
    rendersInFlight: typeof renders === 'object' ? renders.worker.concurrency : config.workerConcurrency,
    recycleEvery: config.recycleEvery,
    segmentStore: config.segmentStore,
  });
  if (typeof renders === 'object') {
    if (!config.redisUrl)
      throw new InputError({
        problem: 'A queue worker needs a queue',
        fix: 'Set REDIS_URL (e.g. redis://127.0.0.1:6379)',
      });
    const { onOutcome, concurrency } = renders.worker;
    const worker = startQueueWorker({
      db,
      publisher,
      ...kit,
      redisUrl: config.redisUrl,
      prefix: config.queuePrefix,
      concurrency,
      onOutcome: (event) => (metrics.observe(event), onOutcome?.(event)),
    });
    const runner = openQueue(config.redisUrl);
    return {
      db,
      publisher,
      runner,
      queue: runner.queue,
      worker,
      metrics,
      segmentCache,
      requestOpenRender: (view) => requestOpenRender({ db, runner, token: view.token }),
      sharedSettled: kit.warmer.settled,
      close: async () => {
        await worker.close();
        await runner.close();
        await kit.close();
        await db.close();
      },
    };
  }
  const runner = openInProcessRunner({
    db,
    publisher,
    ...kit,
    recipientsInFlight: config.workerConcurrency,
    attempts: config.jobAttempts,
    onOutcome: metrics.observe,
  });
  return {
    db,
    publisher,
    runner,
    queue: undefined,
    worker: undefined,
    metrics,
    segmentCache,
    requestOpenRender: (view) => requestOpenRender({ db, runner, token: view.token }),
    sharedSettled: kit.warmer.settled,
    close: async () => {
      await runner.close();
      await kit.close();
      await db.close();
    },
  };
}
