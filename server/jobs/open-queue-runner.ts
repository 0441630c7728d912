import { Queue, type ConnectionOptions } from 'bullmq';
import type { Db } from '../store/db.ts';
import type { JobRunner } from './job-runner.ts';
import { pageThroughRecipients } from '../store/page-through-recipients.ts';
import { jobPriority, makeJobId, makeOpenJobId, openRenderJobName, type RenderJobData } from './render-job.ts';

/** The BullMQ queue every render job goes through. */
export const renderQueueName = 'kindly-render';

/** Retries with exponential backoff for transient faults; finished jobs are kept a while so ids stay taken. */
export const renderJobOptions = (attempts: number) => ({
  attempts,
  backoff: { type: 'exponential' as const, delay: 10_000 },
  removeOnComplete: { age: 7 * 24 * 3600, count: 100_000 },
  removeOnFail: { age: 14 * 24 * 3600 },
});

/**
 * A Redis connection for BullMQ from a `redis://` or `rediss://` URL. BullMQ hands the URL to
 * ioredis (`new Redis(url, options)`), which reads user, password, db, TLS, IPv6 hosts and query
 * options; BullMQ needs `maxRetriesPerRequest: null` on workers.
 */
export function toConnection(redisUrl: string): ConnectionOptions {
  return { url: redisUrl, maxRetriesPerRequest: null };
}

/** Render jobs on BullMQ/Redis. */
export type QueueRunner = JobRunner & { kind: 'queue'; queue: Queue };

/** Jobs on BullMQ/Redis: one per recipient with a deterministic id, picked up by any number of `kindly worker`s. */
export function openQueueRunner(options: { db: Db; redisUrl: string; prefix: string; attempts?: number }): QueueRunner {
  const queue = new Queue<RenderJobData>(renderQueueName, {
    connection: toConnection(options.redisUrl),
    prefix: options.prefix,
  });
  const jobOptions = renderJobOptions(options.attempts ?? 3);
  return {
    kind: 'queue',
    queue,
    async startCampaign({ campaign, replaceFinished }) {
      let enqueued = 0;
      let batch: {
        name: string;
        data: RenderJobData;
        opts: ReturnType<typeof renderJobOptions> & { jobId: string; priority: number };
      }[] = [];
      const flush = async () => {
        if (batch.length > 0) await queue.addBulk(batch);
        enqueued += batch.length;
        batch = [];
      };
      for await (const recipient of pageThroughRecipients({
        db: options.db,
        campaignId: campaign.id,
        statuses: ['queued'],
        pageSize: 500,
      })) {
        const jobId = makeJobId({
          campaignId: campaign.id,
          seq: recipient.seq,
          templateVersion: campaign.templateVersion,
          run: campaign.run,
        });
        if (replaceFinished) {
          const state = await queue.getJobState(jobId);
          if (state === 'completed' || state === 'failed') await queue.remove(jobId);
        }
        batch.push({
          name: 'render',
          data: { campaignId: campaign.id, seq: recipient.seq },
          opts: { ...jobOptions, jobId, priority: jobPriority.eager },
        });
        if (batch.length >= 500) await flush();
      }
      await flush();
      return { enqueued };
    },
    async renderOnOpen({ job, replaceFinished }) {
      const jobId = makeOpenJobId(job);
      if (replaceFinished) {
        const state = await queue.getJobState(jobId);
        if (state === 'completed' || state === 'failed') await queue.remove(jobId);
      }
      await queue.add(openRenderJobName, job, { ...jobOptions, jobId, priority: jobPriority.onOpen });
    },
    async stopCampaign({ campaignId }) {
      // Workers skip jobs of a halted campaign anyway; removing them keeps the queue honest.
      const mine = [];
      for (let start = 0; ; start += 1000) {
        const jobs = await queue.getJobs(['waiting', 'delayed', 'prioritized'], start, start + 999);
        if (jobs.length === 0) break;
        mine.push(...jobs.filter((job) => job.data.campaignId === campaignId));
      }
      await Promise.all(mine.map((job) => job.remove().catch(() => undefined)));
    },
    async getDepth() {
      const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'failed', 'prioritized');
      return {
        waiting: (counts.waiting ?? 0) + (counts.prioritized ?? 0),
        active: counts.active ?? 0,
        delayed: counts.delayed ?? 0,
        failed: counts.failed ?? 0,
      };
    },
    close: () => queue.close(),
  };
}
