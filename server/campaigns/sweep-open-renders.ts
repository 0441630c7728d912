import type { JobRunner } from '../jobs/job-runner.ts';
import type { Db } from '../store/db.ts';
import { freeStaleOpenRenders, listOpenRendersToSweep } from '../store/open-renders.ts';

/**
 * Enqueues again every render on open asked for and neither ready nor running: its job was lost
 * (an open during a Redis outage, a worker gone), ended without rendering (its campaign paused
 * then), or failed with tries left; a render silent for `staleSeconds` is taken to be lost first.
 * A job of theirs still waiting is not added twice; an ended one is replaced. Returns how many were enqueued.
 */
export async function sweepOpenRenders(options: { db: Db; runner: JobRunner; staleSeconds: number }): Promise<number> {
  await freeStaleOpenRenders({ db: options.db, staleSeconds: options.staleSeconds });
  const jobs = await listOpenRendersToSweep({ db: options.db });
  for (const job of jobs) await options.runner.renderOnOpen({ job, replaceFinished: true });
  return jobs.length;
}
