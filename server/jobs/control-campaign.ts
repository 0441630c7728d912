import { KindlyError } from '../errors.ts';
import { bumpCampaignRun, finishCampaignIfDone, getCampaign, getCampaignCounts, setCampaignStatus, type Campaign, type CampaignStatus } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { requeueRecipients } from '../store/recipients.ts';
import type { JobRunner } from './job-runner.ts';

/** The campaign actions an operator has, and the states each may start from. */
export const campaignActions = {
  start: ['ready', 'done'],
  pause: ['rendering'],
  resume: ['paused'],
  cancel: ['draft', 'ingesting', 'ready', 'rendering', 'paused'],
  retry: ['done', 'rendering', 'paused', 'ready'],
} as const satisfies Record<string, readonly CampaignStatus[]>;
export type CampaignAction = keyof typeof campaignActions;

/**
 * Starts, pauses, resumes, cancels or retries a campaign. Starting, resuming and retrying begin
 * a new run (new job ids) and enqueue every queued recipient; pausing and cancelling take the
 * waiting jobs back while running renders finish.
 */
export async function controlCampaign(options: { db: Db; runner: JobRunner; id: string; action: CampaignAction }): Promise<{ campaign: Campaign; enqueued: number; requeued: number }> {
  const { db, runner, action } = options;
  const before = await getCampaign({ db, id: options.id });
  const allowed: readonly CampaignStatus[] = campaignActions[action];
  if (!allowed.includes(before.status)) {
    throw new KindlyError({
      problem: `A campaign that is ${before.status} cannot ${action}`,
      value: before.id,
      fix: `${action} works on campaigns that are ${allowed.join(' or ')}`,
      statusCode: 409,
    });
  }
  let requeued = 0;
  if (action === 'start' && (await getCampaignCounts({ db, id: before.id })).accepted === 0) {
    throw new KindlyError({ problem: 'The campaign has no accepted recipient to render', value: before.id, fix: 'Upload a records file with valid rows first', statusCode: 409 });
  }
  if (action === 'pause' || action === 'cancel') {
    await setCampaignStatus({ db, id: before.id, status: action === 'pause' ? 'paused' : 'cancelled' });
    await runner.stopCampaign({ campaignId: before.id });
    return { campaign: await getCampaign({ db, id: before.id }), enqueued: 0, requeued };
  }
  if (action === 'retry') requeued = await requeueRecipients({ db, campaignId: before.id, statuses: ['failed'] });
  await bumpCampaignRun({ db, id: before.id, status: 'rendering' });
  const campaign = await getCampaign({ db, id: before.id });
  const { enqueued } = await runner.startCampaign({ campaign });
  // Nothing left to render (all published already, say): the campaign is done now, not never.
  await finishCampaignIfDone({ db, id: campaign.id });
  return { campaign: await getCampaign({ db, id: campaign.id }), enqueued, requeued };
}
