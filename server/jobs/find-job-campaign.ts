import { findCampaign, haltedStatuses, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { parseRenderJobData } from './render-job.ts';

/**
 * A render job's campaign, while it still renders, and the recipient's position in it; or why the
 * job is skipped (its campaign is gone or halted). A malformed payload throws a non-retryable
 * KindlyError (see parseRenderJobData).
 */
export async function findJobCampaign(options: {
  db: Db;
  data: unknown;
}): Promise<{ campaign: Campaign; seq: number } | { skipped: string }> {
  const { campaignId, seq } = parseRenderJobData(options.data);
  const campaign = await findCampaign({ db: options.db, id: campaignId });
  if (!campaign) return { skipped: 'campaign not found' };
  if (haltedStatuses.includes(campaign.status)) return { skipped: `campaign ${campaign.status}` };
  return { campaign, seq };
}
