import type { JobRunner } from '../jobs/job-runner.ts';
import { finishCampaignIfDone, getCampaign, listCampaignIds } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { requeueStaleRecipients } from '../store/recipients.ts';
import { sweepOpenRenders } from './sweep-open-renders.ts';

/**
 * The store is the truth, the queue only carries work: for every rendering campaign, put back
 * recipients whose render went silent (a worker and its job lost with a Redis restart) and
 * enqueue every queued recipient again. Job ids are deterministic, so jobs still in the queue
 * are not added twice; a finished job of a recipient still queued is replaced, since it could
 * not have finished it. Campaigns with nothing left are marked done. Renders on open neither
 * ready nor running are enqueued again (see sweepOpenRenders).
 */
export async function sweepCampaigns(options: {
  db: Db;
  runner: JobRunner;
  staleSeconds: number;
}): Promise<{ campaigns: number; requeued: number; enqueued: number; openRenders: number }> {
  const { db } = options;
  const ids = await listCampaignIds({ db, statuses: ['rendering'] });
  let requeued = 0;
  let enqueued = 0;
  for (const id of ids) {
    requeued += await requeueStaleRecipients({ db, campaignId: id, staleSeconds: options.staleSeconds });
    const campaign = await getCampaign({ db, id });
    enqueued += (await options.runner.startCampaign({ campaign, replaceFinished: true })).enqueued;
    await finishCampaignIfDone({ db, id });
  }
  const openRenders = await sweepOpenRenders({ db, runner: options.runner, staleSeconds: options.staleSeconds });
  return { campaigns: ids.length, requeued, enqueued, openRenders };
}
