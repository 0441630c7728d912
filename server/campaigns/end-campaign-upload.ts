import { getCampaignCounts } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { CampaignMoveError } from './campaign-move-error.ts';
import { moveCampaign } from './move-campaign.ts';

/**
 * Ends a records upload: the campaign is ready when it has an accepted recipient, a draft again
 * when it has none. A campaign cancelled or taken down meanwhile stays so (says false).
 */
export async function endCampaignUpload(options: { db: Db; id: string }): Promise<boolean> {
  const { db, id } = options;
  const { accepted } = await getCampaignCounts({ db, id });
  try {
    await moveCampaign({ db, id, action: accepted > 0 ? 'endUpload' : 'emptyUpload' });
    return true;
  } catch (error) {
    if (error instanceof CampaignMoveError) return false;
    throw error;
  }
}
