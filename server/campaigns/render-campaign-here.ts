import { InputError } from '../errors.ts';
import type { InProcessRunner } from '../jobs/open-in-process-runner.ts';
import type { QueueRunner } from '../jobs/open-queue-runner.ts';
import type { Db } from '../store/db.ts';
import { startCampaignRun } from './start-campaign-run.ts';

/** Render totals so far; `current` is the fraction done of the recipient in flight. */
export type RenderProgress = { total: number; published: number; failed: number; current: number };

/**
 * Starts (or retries) a campaign on this process's runner and waits for the end (the CLI's path,
 * on a store this process holds). Recipients left `rendering` by a stopped run are queued again
 * with the move: nobody else renders them.
 */
export async function renderCampaignHere(options: {
  db: Db;
  runner: InProcessRunner | QueueRunner;
  id: string;
  action: 'start' | 'retry';
  onProgress?: (progress: RenderProgress) => void;
  /** Told once the run has begun: how many failures it put back, how many recipients it renders. */
  onStarted?: (options: { requeued: number; enqueued: number }) => void;
}): Promise<RenderProgress & { requeued: number }> {
  const { db, id } = options;
  const runner = requireInProcess(options.runner);
  const progress: RenderProgress = { total: 0, published: 0, failed: 0, current: 0 };
  let started = false;
  const report = () => (started && progress.total > 0 ? options.onProgress?.({ ...progress }) : undefined);
  const stopFollowing = runner.follow({
    campaignId: id,
    onProgress: ({ progress: fraction }) => {
      // Stages report their own fractions; the bar only moves forward.
      progress.current = Math.max(progress.current, Math.min(fraction, 0.99));
      report();
    },
    onOutcome: ({ outcome }) => {
      progress.current = 0;
      if (outcome.kind !== 'done') return;
      if (outcome.state.status === 'published') progress.published += 1;
      else progress.failed += 1;
      report();
    },
  });
  try {
    const { enqueued, requeued } = await startCampaignRun({ db, runner, id, action: options.action, orphaned: true });
    progress.total = enqueued;
    started = true;
    options.onStarted?.({ requeued, enqueued });
    await runner.idle({ campaignId: id });
    return { ...progress, requeued };
  } finally {
    stopFollowing();
  }
}

function requireInProcess(runner: InProcessRunner | QueueRunner): InProcessRunner {
  if (runner.kind === 'in-process') return runner;
  throw new InputError({
    problem: 'This command renders in this process, but its runner sends renders to the queue',
    value: runner.kind,
    fix: 'Open the services with renders here, or start the campaign through the API',
  });
}
