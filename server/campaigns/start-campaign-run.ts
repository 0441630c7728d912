import type { JobRunner } from '../jobs/job-runner.ts';
import { finishCampaignIfDone, getCampaign, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { requeueRecipients } from '../store/recipients.ts';
import { findCampaignMove } from './campaign-moves.ts';
import { CampaignMoveError } from './campaign-move-error.ts';
import { moveCampaign } from './move-campaign.ts';

/** The actions that begin a run. */
export type RunAction = 'start' | 'resume' | 'retry';

/**
 * Begins a new run of a campaign: checks the move, puts back what the action renders again
 * (retry: the retryable failures), moves the campaign to `rendering` with a new run number and
 * enqueues every queued recipient. A run with nothing left to render is done at once, not never.
 */
export async function startCampaignRun(options: { db: Db; runner: JobRunner; id: string; action: RunAction }): Promise<{ campaign: Campaign; enqueued: number; requeued: number }> {
  const { db, runner, id, action } = options;
  const before = await getCampaign({ db, id });
  if (!findCampaignMove({ status: before.status, action })) throw new CampaignMoveError({ campaignId: id, status: before.status, action });
  const requeued = action === 'retry' ? await requeueRecipients({ db, campaignId: id, statuses: ['failed'] }) : 0;
  const campaign = await moveCampaign({ db, id, action });
  const { enqueued } = await runner.startCampaign({ campaign });
  await finishCampaignIfDone({ db, id });
  return { campaign: await getCampaign({ db, id }), enqueued, requeued };
}
