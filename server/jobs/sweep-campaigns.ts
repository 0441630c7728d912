import { finishCampaignIfDone, getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import type { JobRunner } from './job-runner.ts';

/**
 * The store is the truth, the queue only carries work: for every rendering campaign, put back
 * recipients whose render went silent (a worker and its job lost with a Redis restart) and
 * enqueue every queued recipient again. Job ids are deterministic, so jobs still in the queue
 * are not added twice; a finished job of a recipient still queued is replaced, since it could
 * not have finished it. Campaigns with nothing left are marked done.
 */
export async function sweepCampaigns(options: { db: Db; runner: JobRunner; staleSeconds: number }): Promise<{ campaigns: number; requeued: number; enqueued: number }> {
  const { db } = options;
  const { rows } = await db.query<{ id: string }>("select id from campaigns where status = 'rendering'");
  let requeued = 0;
  let enqueued = 0;
  for (const { id } of rows) {
    const stale = await db.query(
      `update recipients set status = 'queued', updated_at = now()
       where campaign_id = $1 and status = 'rendering' and erased_at is null and updated_at < now() - make_interval(secs => $2)
       returning record_id`,
      [id, options.staleSeconds],
    );
    requeued += stale.rows.length;
    const campaign = await getCampaign({ db, id });
    enqueued += (await options.runner.startCampaign({ campaign, replaceFinished: true })).enqueued;
    await finishCampaignIfDone({ db, id });
  }
  return { campaigns: rows.length, requeued, enqueued };
}
