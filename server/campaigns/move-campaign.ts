import { bumpCampaignRun, getCampaign, moveCampaignStatus, type Campaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { CampaignMoveError } from './campaign-move-error.ts';
import { getActionTarget, listStatusesAllowing, newRunActions, type CampaignAction } from './campaign-moves.ts';

/**
 * Applies one action of the state machine to a campaign's status, atomically (of two moves at
 * once only those the table allows pass), and returns the campaign as it is now. Starting,
 * resuming and retrying also begin a new run. A move the table refuses throws a
 * CampaignMoveError naming the status found; an unknown campaign a NotFoundError.
 */
export async function moveCampaign(options: { db: Queryable; id: string; action: CampaignAction }): Promise<Campaign> {
  const { db, id, action } = options;
  const from = listStatusesAllowing(action);
  const to = getActionTarget(action);
  const moved = newRunActions.has(action)
    ? (await bumpCampaignRun({ db, id, from, to })) !== undefined
    : await moveCampaignStatus({ db, id, from, to });
  const campaign = await getCampaign({ db, id });
  if (!moved) throw new CampaignMoveError({ campaignId: id, status: campaign.status, action });
  return campaign;
}
