import { KindlyError } from '../errors.ts';
import type { JobRunner } from '../jobs/job-runner.ts';
import { getCampaignCounts } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { moveCampaign } from './move-campaign.ts';
import { requireCampaignMove } from './require-campaign-move.ts';
import { startCampaignRun, type CampaignActionResult } from './start-campaign-run.ts';

/** The actions an operator takes on a campaign's rendering (taking it down is takeDownCampaign). */
export const operatorActions = ['start', 'pause', 'resume', 'cancel', 'retry'] as const;
export type OperatorAction = (typeof operatorActions)[number];

/**
 * Starts, pauses, resumes, cancels or retries a campaign. Starting, resuming and retrying begin
 * a new run (new job ids) and enqueue every queued recipient; pausing and cancelling take the
 * waiting jobs back while running renders finish.
 */
export async function controlCampaign(options: {
  db: Db;
  runner: JobRunner;
  id: string;
  action: OperatorAction;
}): Promise<CampaignActionResult> {
  const { db, runner, id, action } = options;
  if (action === 'pause' || action === 'cancel') {
    const campaign = await moveCampaign({ db, id, action });
    await runner.stopCampaign({ campaignId: id });
    return { campaign, enqueued: 0, requeued: 0 };
  }
  if (action === 'start') {
    await requireCampaignMove({ db, id, action });
    if ((await getCampaignCounts({ db, id })).accepted === 0) {
      throw new KindlyError({
        problem: 'The campaign has no accepted recipient to render',
        value: id,
        fix: 'Upload a records file with valid rows first',
        statusCode: 409,
      });
    }
  }
  return startCampaignRun({ db, runner, id, action });
}
