import { setTimeout as sleep } from 'node:timers/promises';
import { finishCampaignIfDone, type Campaign } from '../store/campaigns.ts';
import { pageThroughRecipients } from '../store/page-through-recipients.ts';
import { countRecipients } from '../store/recipients.ts';
import { describeFailure } from './describe-failure.ts';
import { drawsNothing } from './draws-nothing.ts';
import type { JobRunner } from './job-runner.ts';
import { makeLimiter } from '../render/make-limiter.ts';
import type { RecipientKit } from './make-claimed-recipient.ts';
import { publishLiveBatch } from './publish-live-batch.ts';
import { makeOpenJobId } from './render-job.ts';
import { runOpenRenderJob } from './run-open-render-job.ts';
import { runRenderJob, type RenderJobOutcome } from './run-render-job.ts';
import { defaultRendersInFlight } from '../renders-in-flight.ts';

/** The embedded job runner: the same processor as the workers, in this process, with bounded concurrency and retries. */
export type InProcessRunner = JobRunner & {
  kind: 'in-process';
  /** Resolves when the campaign has no run left in this process. */
  idle: (options: { campaignId: string }) => Promise<void>;
  /** Hears one campaign's render progress and outcomes until the returned function is called. */
  follow: (options: { campaignId: string } & RunnerListeners) => () => void;
};

/** What a runner tells as it renders: a recipient's progress (a fraction) and each recipient's final outcome. */
export type RunnerListeners = {
  onOutcome?: (options: { campaignId: string; outcome: RenderJobOutcome; seconds: number }) => void;
  onProgress?: (options: { campaignId: string; seq: number; progress: number }) => void;
};

/** Live pages published per batch: one claim and one write of outcomes for each. */
const liveBatchSize = 50;

/**
 * Runs render jobs in this process: `recipientsInFlight` (default: two per core, see
 * defaultRendersInFlight) at a time across all campaigns,
 * transient failures retried with backoff. A campaign's run goes on until no recipient is
 * queued (so recipients queued again meanwhile, by retry or resume, are rendered too). A render
 * on open takes the first free slot, ahead of every eager render waiting.
 */
export function openInProcessRunner(
  options: RecipientKit & {
    recipientsInFlight?: number;
    attempts?: number;
    backoffMs?: number;
  } & RunnerListeners,
): InProcessRunner {
  const { db } = options;
  const followers = new Set<{ campaignId: string } & RunnerListeners>();
  const tell: Required<RunnerListeners> = {
    onOutcome: (event) => {
      options.onOutcome?.(event);
      for (const follower of followers) if (follower.campaignId === event.campaignId) follower.onOutcome?.(event);
    },
    onProgress: (event) => {
      options.onProgress?.(event);
      for (const follower of followers) if (follower.campaignId === event.campaignId) follower.onProgress?.(event);
    },
  };
  const attempts = options.attempts ?? 3;
  const backoffMs = options.backoffMs ?? 2000;
  const slots = options.recipientsInFlight ?? defaultRendersInFlight();
  const renderLimit = makeLimiter({ slots });
  // Live pages draw nothing and are published in batches (see publishLiveBatch): two batches in
  // flight keep the store, the disk and both cores busy.
  const batchLimit = makeLimiter({ slots: 2 });
  const runs = new Map<string, { controller: AbortController; done: Promise<void> }>();
  /** Renders on open asked for and not ended, by job id: one per recipient. */
  const opens = new Map<string, { campaignId: string; controller: AbortController; done: Promise<void> }>();
  let active = 0;

  const claimantOf = (campaign: Pick<Campaign, 'id' | 'run'>) => `local.${campaign.id}.r${campaign.run}`;
  /** One recipient's job, retried with backoff from attempt `first`; `processJob` is the render job's unless said. */
  const renderOne = async (
    campaign: Pick<Campaign, 'id' | 'run'>,
    seq: number,
    signal: AbortSignal,
    how: { first?: number; processJob?: typeof runRenderJob } = {},
  ): Promise<boolean> => {
    const processJob = how.processJob ?? runRenderJob;
    for (let attempt = how.first ?? 1; ; attempt += 1) {
      const started = performance.now();
      active += 1;
      const outcome: RenderJobOutcome = await processJob({
        ...options,
        data: { campaignId: campaign.id, seq },
        claimant: claimantOf(campaign),
        onProgress: (progress) => tell.onProgress({ campaignId: campaign.id, seq, progress }),
      })
        .catch((error: unknown) => ({
          kind: 'done' as const,
          state: { status: 'failed' as const, ...describeFailure(error) },
        }))
        .finally(() => (active -= 1));
      const retry =
        outcome.kind === 'done' &&
        outcome.state.status === 'failed' &&
        outcome.state.retryable &&
        attempt < attempts &&
        !signal.aborted;
      if (!retry) {
        tell.onOutcome({ campaignId: campaign.id, outcome, seconds: (performance.now() - started) / 1000 });
        return outcome.kind === 'done';
      }
      await sleep(backoffMs * 2 ** (attempt - 1), undefined, { signal }).catch(() => undefined);
    }
  };

  // A live campaign's pages, a batch at a time; a retryable failure is retried on its own, with backoff.
  const publishBatch = async (campaign: Campaign, seqs: number[], signal: AbortSignal): Promise<boolean> => {
    const started = performance.now();
    active += seqs.length;
    const results = await publishLiveBatch({
      ...options,
      campaignId: campaign.id,
      seqs,
      claimant: claimantOf(campaign),
    })
      .catch((error: unknown) =>
        seqs.map((seq) => ({
          seq,
          outcome: {
            kind: 'done' as const,
            state: { status: 'failed' as const, ...describeFailure(error), retryable: true },
          },
        })),
      )
      .finally(() => (active -= seqs.length));
    const seconds = (performance.now() - started) / 1000 / Math.max(1, seqs.length);
    const done = await Promise.all(
      results.map(async ({ seq, outcome }) => {
        if (outcome.kind === 'done' && outcome.state.status === 'failed' && outcome.state.retryable && attempts > 1) {
          await sleep(backoffMs, undefined, { signal }).catch(() => undefined);
          if (!signal.aborted) return renderOne(campaign, seq, signal, { first: 2 });
        }
        tell.onOutcome({ campaignId: campaign.id, outcome, seconds });
        return outcome.kind === 'done';
      }),
    );
    return done.some(Boolean);
  };

  const run = async (campaign: Campaign, signal: AbortSignal) => {
    const live = await drawsNothing({ db, campaign });
    let rendered = true;
    // Passes go on while recipients are queued and the last pass got somewhere (skips alone end it).
    while (
      rendered &&
      !signal.aborted &&
      (await countRecipients({ db, campaignId: campaign.id, statuses: ['queued'] })) > 0
    ) {
      const pending: Promise<boolean>[] = [];
      const results: boolean[] = [];
      let batch: number[] = [];
      const sendBatch = () => {
        const seqs = batch;
        batch = [];
        if (seqs.length > 0)
          pending.push(
            batchLimit(() => (signal.aborted ? Promise.resolve(false) : publishBatch(campaign, seqs, signal))),
          );
      };
      for await (const recipient of pageThroughRecipients({ db, campaignId: campaign.id, statuses: ['queued'] })) {
        if (signal.aborted) break;
        if (live) {
          batch.push(recipient.seq);
          if (batch.length >= liveBatchSize) sendBatch();
        } else
          pending.push(
            renderLimit(() => (signal.aborted ? Promise.resolve(false) : renderOne(campaign, recipient.seq, signal))),
          );
        // Keep the backlog of waiting work small: a campaign of 100k is read as it goes.
        if (pending.length >= (live ? 4 : 50)) results.push(...(await Promise.all(pending.splice(0))));
      }
      sendBatch();
      results.push(...(await Promise.all(pending)));
      rendered = results.some(Boolean);
    }
    if (!signal.aborted) await finishCampaignIfDone({ db, id: campaign.id });
  };

  return {
    kind: 'in-process',
    async startCampaign({ campaign }) {
      const enqueued = await countRecipients({ db, campaignId: campaign.id, statuses: ['queued'] });
      const previous = runs.get(campaign.id);
      previous?.controller.abort();
      const controller = new AbortController();
      // A new run starts when the previous one has wound down, so one recipient is never in two runs.
      const done = (previous?.done ?? Promise.resolve())
        .then(() => run(campaign, controller.signal))
        .catch((error: unknown) =>
          console.error(`Campaign ${campaign.id}: the render run stopped: ${describeFailure(error).error}`),
        )
        .finally(() => {
          if (runs.get(campaign.id)?.controller === controller) runs.delete(campaign.id);
        });
      runs.set(campaign.id, { controller, done });
      return { enqueued };
    },
    async renderOnOpen({ job }) {
      const id = makeOpenJobId(job);
      if (opens.has(id)) return;
      const controller = new AbortController();
      const done = renderLimit(
        () =>
          controller.signal.aborted
            ? Promise.resolve(false)
            : renderOne({ id: job.campaignId, run: 0 }, job.seq, controller.signal, { processJob: runOpenRenderJob }),
        { first: true },
      )
        .then(() => undefined)
        .catch((error: unknown) =>
          console.error(`Campaign ${job.campaignId}: a render on open stopped: ${describeFailure(error).error}`),
        )
        .finally(() => opens.delete(id));
      opens.set(id, { campaignId: job.campaignId, controller, done });
    },
    async stopCampaign({ campaignId }) {
      runs.get(campaignId)?.controller.abort();
      for (const open of opens.values()) if (open.campaignId === campaignId) open.controller.abort();
    },
    follow(follower) {
      const entry = { ...follower };
      followers.add(entry);
      return () => void followers.delete(entry);
    },
    async idle({ campaignId }) {
      while (runs.has(campaignId)) await runs.get(campaignId)?.done;
    },
    async getDepth() {
      return { waiting: 0, active, delayed: 0, failed: 0 };
    },
    async close() {
      const entries = [...runs.values(), ...opens.values()];
      for (const entry of entries) entry.controller.abort();
      await Promise.all(entries.map((entry) => entry.done));
    },
  };
}
