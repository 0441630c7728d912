import { getCampaign, type Campaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { findCampaignMove, type CampaignAction } from './campaign-moves.ts';
import { CampaignMoveError } from './campaign-move-error.ts';

/** The campaign, when the table allows `action` from its status now; a CampaignMoveError when not. */
export async function requireCampaignMove(options: {
  db: Queryable;
  id: string;
  action: CampaignAction;
}): Promise<Campaign> {
  const campaign = await getCampaign({ db: options.db, id: options.id });
  if (!findCampaignMove({ status: campaign.status, action: options.action })) {
    throw new CampaignMoveError({ campaignId: options.id, status: campaign.status, action: options.action });
  }
  return campaign;
}
