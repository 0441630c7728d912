import type { JobRunner } from '../jobs/job-runner.ts';
import { getCampaign, listCampaignIds } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { requeueRecipients } from '../store/recipients.ts';

/**
 * When the process that renders in-process starts: campaigns it was rendering when it stopped
 * go on, their interrupted renders queued again (no other process renders them). Those of a
 * paused campaign are queued again too, so its resume renders them.
 */
export async function resumeCampaigns(options: { db: Db; runner: JobRunner }): Promise<string[]> {
  for (const id of await listCampaignIds({ db: options.db, statuses: ['paused'] }))
    await requeueRecipients({ db: options.db, campaignId: id, statuses: ['rendering'] });
  const ids = await listCampaignIds({ db: options.db, statuses: ['rendering'] });
  for (const id of ids) {
    await requeueRecipients({ db: options.db, campaignId: id, statuses: ['rendering'] });
    await options.runner.startCampaign({ campaign: await getCampaign({ db: options.db, id }) });
  }
  return ids;
}
