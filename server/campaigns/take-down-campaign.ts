import type { JobRunner } from '../jobs/job-runner.ts';
import type { Publisher } from '../publish/publisher.ts';
import { removeCampaignPages } from '../publish/remove-campaign-pages.ts';
import type { Db } from '../store/db.ts';
import { moveCampaign } from './move-campaign.ts';

/**
 * Takes a campaign down (unpublish): marks it so, so no page goes back online, takes its
 * waiting jobs back and removes every page and video from the CDN. Its data and counts stay.
 */
export async function takeDownCampaign(options: {
  db: Db;
  runner: JobRunner;
  publisher: Publisher;
  id: string;
}): Promise<{ removed: number }> {
  const { db, id } = options;
  await moveCampaign({ db, id, action: 'takeDown' });
  await options.runner.stopCampaign({ campaignId: id });
  return removeCampaignPages({ db, publisher: options.publisher, campaignId: id });
}
