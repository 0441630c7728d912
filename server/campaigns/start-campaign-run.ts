import type { JobRunner } from '../jobs/job-runner.ts';
import { finishCampaignIfDone, getCampaign, type Campaign } from '../store/campaigns.ts';
import type { Db, Queryable } from '../store/db.ts';
import { requeueRecipients } from '../store/recipients.ts';
import { moveCampaign } from './move-campaign.ts';

/** The actions that begin a run. */
export type RunAction = 'start' | 'resume' | 'retry' | 'rerender';

/** A campaign after an action, with how many jobs it enqueued and how many failures it put back. */
export type CampaignActionResult = { campaign: Campaign; enqueued: number; requeued: number };

/**
 * Begins a new run of a campaign: puts back what the action renders again (retry: the retryable
 * failures; `orphaned`: renders a stopped process left `rendering`) and moves the campaign to
 * `rendering` with a new run number, in one transaction, so a refused move changes no recipient;
 * then enqueues every queued recipient. A run with nothing left to render is done at once, not never.
 */
export async function startCampaignRun(options: {
  db: Db;
  runner: JobRunner;
  id: string;
  action: RunAction;
  /** Also queue again recipients left `rendering` (only for a process that holds the store alone). */
  orphaned?: boolean;
  /** Puts back what this run renders again, in the run's transaction, instead of the retry's failures; returns how many. */
  requeue?: (tx: Queryable) => Promise<number>;
}): Promise<CampaignActionResult> {
  const { db, runner, id, action } = options;
  const { campaign, requeued } = await db.transaction(async (tx) => {
    if (options.orphaned) await requeueRecipients({ db: tx, campaignId: id, statuses: ['rendering'] });
    const requeued = options.requeue
      ? await options.requeue(tx)
      : action === 'retry'
        ? await requeueRecipients({ db: tx, campaignId: id, statuses: ['failed'] })
        : 0;
    return { campaign: await moveCampaign({ db: tx, id, action }), requeued };
  });
  const { enqueued } = await runner.startCampaign({ campaign });
  await finishCampaignIfDone({ db, id });
  return { campaign: await getCampaign({ db, id }), enqueued, requeued };
}
