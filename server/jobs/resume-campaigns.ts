import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { requeueRecipients } from '../store/recipients.ts';
import type { JobRunner } from './job-runner.ts';

/**
 * When the process that renders in-process starts: campaigns it was rendering when it stopped
 * go on, their interrupted renders queued again (no other process renders them).
 */
export async function resumeCampaigns(options: { db: Db; runner: JobRunner }): Promise<string[]> {
  const { rows } = await options.db.query<{ id: string }>("select id from campaigns where status = 'rendering'");
  for (const { id } of rows) {
    await requeueRecipients({ db: options.db, campaignId: id, statuses: ['rendering'] });
    await options.runner.startCampaign({ campaign: await getCampaign({ db: options.db, id }) });
  }
  return rows.map((row) => row.id);
}
