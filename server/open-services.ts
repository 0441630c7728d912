import type { Queue } from 'bullmq';
import type { Config } from './config.ts';
import type { JobRunner } from './jobs/job-runner.ts';
import { openInProcessRunner } from './jobs/open-in-process-runner.ts';
import { openQueueRunner } from './jobs/open-queue-runner.ts';
import { makeRenderMetrics, type RenderMetrics } from './jobs/render-metrics.ts';
import { makeRenderKit } from './jobs/make-render-kit.ts';
import { openPublisher } from './publish/open-publisher.ts';
import type { Publisher } from './publish/publisher.ts';
import { openSegmentCache } from './render/open-segment-cache.ts';
import type { SegmentCache } from './render/segment-cache.ts';
import type { Db } from './store/db.ts';
import { openStore } from './store/open-store.ts';

/** What a Kindly process works with, chosen from the configuration: embedded defaults or PostgreSQL, Redis and S3. */
export type Services = {
  db: Db;
  publisher: Publisher;
  runner: JobRunner;
  queue: Queue | undefined;
  metrics: RenderMetrics;
  /** The rendered segments (erasure removes a debtor's personal ones). */
  segmentCache: SegmentCache;
  close: () => Promise<void>;
};

/** Opens the store, the CDN publisher and the job runner the configuration names. */
export async function openServices(options: { config: Config; siteDir: string }): Promise<Services> {
  const { config } = options;
  const db = await openStore({ config });
  const publisher = openPublisher({ config, localRoot: options.siteDir });
  const metrics = makeRenderMetrics();
  const segmentCache = openSegmentCache({ dataDir: config.dataDir, segmentStore: config.segmentStore });
  if (config.redisUrl) {
    const runner = openQueueRunner({ db, redisUrl: config.redisUrl, prefix: config.queuePrefix, attempts: config.jobAttempts });
    return {
      db,
      publisher,
      runner,
      queue: runner.queue,
      metrics,
      segmentCache,
      close: async () => {
        await runner.close();
        await db.close();
      },
    };
  }
  const kit = makeRenderKit({ publisher, dataDir: config.dataDir, browserExecutable: config.browserExecutable, frameConcurrency: config.renderConcurrency, recycleEvery: config.recycleEvery, segmentStore: config.segmentStore });
  const runner = openInProcessRunner({ db, publisher, ...kit, attempts: config.jobAttempts, onOutcome: metrics.observe });
  return {
    db,
    publisher,
    runner,
    queue: undefined,
    metrics,
    segmentCache,
    close: async () => {
      await runner.close();
      await kit.pool.close();
      await db.close();
    },
  };
}
