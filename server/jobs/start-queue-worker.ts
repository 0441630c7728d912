import { UnrecoverableError, Worker } from 'bullmq';
import { finishCampaignIfDone } from '../store/campaigns.ts';
import type { RecipientState } from '../store/recipients.ts';
import { describeFailure } from './describe-failure.ts';
import { renderQueueName, toConnection } from './open-queue-runner.ts';
import type { RecipientKit } from './make-claimed-recipient.ts';
import { openRenderJobName, type RenderJobData } from './render-job.ts';
import { runOpenRenderJob } from './run-open-render-job.ts';
import { runRenderJob, type RenderJobOutcome } from './run-render-job.ts';

/**
 * What a finished job keeps in Redis (the queue board shows it for days): the status only, never
 * the published page's address, which is a personal link.
 */
export type QueuedJobResult = { kind: 'done'; status: RecipientState['status'] } | { kind: 'skipped'; reason: string };

const toJobResult = (outcome: RenderJobOutcome): QueuedJobResult =>
  outcome.kind === 'done' ? { kind: 'done', status: outcome.state.status } : outcome;

/** Told of each job a worker ends: which, the outcome and how long it took. */
export type WorkerOutcomeListener = (options: {
  jobId: string;
  campaignId: string;
  seq: number;
  outcome: RenderJobOutcome;
  seconds: number;
}) => void;

/**
 * A `kindly worker`: takes render jobs from Redis, `concurrency` at a time. A transient failure
 * is thrown back so BullMQ retries it with backoff; bad data fails for good. Jobs of a worker
 * that dies are found stalled and handed to another worker.
 */
export function startQueueWorker(
  options: RecipientKit & {
    redisUrl: string;
    prefix: string;
    concurrency: number;
    onOutcome?: WorkerOutcomeListener;
  },
): Worker<RenderJobData, QueuedJobResult> {
  return new Worker<RenderJobData, QueuedJobResult>(
    renderQueueName,
    async (job) => {
      const started = performance.now();
      let outcome: RenderJobOutcome;
      try {
        // A render on open keeps the recipient published: its own processor, the same payload.
        const work = {
          ...options,
          data: job.data,
          claimant: job.id ?? job.name,
          onProgress: (progress: number) => void job.updateProgress(Math.round(progress * 100)).catch(() => undefined),
        };
        outcome = await (job.name === openRenderJobName ? runOpenRenderJob(work) : runRenderJob(work));
      } catch (error) {
        // BullMQ keeps the reason (and stack) in Redis: only the redacted message goes there.
        const failure = describeFailure(error);
        throw failure.retryable ? new Error(failure.error) : new UnrecoverableError(failure.error);
      }
      options.onOutcome?.({
        jobId: job.id ?? '',
        campaignId: job.data.campaignId,
        seq: job.data.seq,
        outcome,
        seconds: (performance.now() - started) / 1000,
      });
      if (outcome.kind !== 'done') {
        // A skipped job (its recipient erased, or rendered meanwhile) may have been the campaign's last.
        await finishCampaignIfDone({ db: options.db, id: job.data.campaignId });
        return toJobResult(outcome);
      }
      const failed = outcome.state.status === 'failed' ? outcome.state : undefined;
      const lastAttempt = !failed?.retryable || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      if (lastAttempt) await finishCampaignIfDone({ db: options.db, id: job.data.campaignId });
      if (failed) throw failed.retryable ? new Error(failed.error) : new UnrecoverableError(failed.error);
      return toJobResult(outcome);
    },
    {
      connection: toConnection(options.redisUrl),
      prefix: options.prefix,
      concurrency: options.concurrency,
      lockDuration: 60_000,
      stalledInterval: 15_000,
      maxStalledCount: 3,
    },
  );
}
