import type { JobRunner } from '../jobs/job-runner.ts';
import type { Db } from '../store/db.ts';
import { insertOpenRender } from '../store/open-renders.ts';

/**
 * What a page's first counted view does in a campaign that renders on open: asks for the
 * recipient's render once (only the ask that stored it enqueues; a second view, or two at once,
 * adds nothing) and queues it ahead of every eager render. Views of other campaigns' pages change
 * nothing. A queue that cannot take the job now (Redis down) leaves the ask stored: the sweeper
 * enqueues it when it next runs.
 */
export async function requestOpenRender(options: { db: Db; runner: JobRunner; token: string }): Promise<boolean> {
  const job = await insertOpenRender({ db: options.db, token: options.token });
  if (!job) return false;
  // A new ask: a finished job of an earlier one (before the page was rendered again) must not stand in for it.
  await options.runner.renderOnOpen({ job, replaceFinished: true });
  return true;
}
