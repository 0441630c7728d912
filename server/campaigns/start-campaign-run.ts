import type { JobRunner } from '../jobs/job-runner.ts';
import { finishCampaignIfDone, getCampaign, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { requeueRecipients } from '../store/recipients.ts';
import { moveCampaign } from './move-campaign.ts';
import { requireCampaignMove } from './require-campaign-move.ts';

/** The actions that begin a run. */
export type RunAction = 'start' | 'resume' | 'retry';

/** A campaign after an action, with how many jobs it enqueued and how many failures it put back. */
export type CampaignActionResult = { campaign: Campaign; enqueued: number; requeued: number };

/**
 * Begins a new run of a campaign: checks the move, puts back what the action renders again
 * (retry: the retryable failures), moves the campaign to `rendering` with a new run number and
 * enqueues every queued recipient. A run with nothing left to render is done at once, not never.
 */
export async function startCampaignRun(options: {
  db: Db;
  runner: JobRunner;
  id: string;
  action: RunAction;
}): Promise<CampaignActionResult> {
  const { db, runner, id, action } = options;
  await requireCampaignMove({ db, id, action });
  const requeued = action === 'retry' ? await requeueRecipients({ db, campaignId: id, statuses: ['failed'] }) : 0;
  const campaign = await moveCampaign({ db, id, action });
  const { enqueued } = await runner.startCampaign({ campaign });
  await finishCampaignIfDone({ db, id });
  return { campaign: await getCampaign({ db, id }), enqueued, requeued };
}
