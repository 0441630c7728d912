import type { Db } from '../store/db.ts';
import { pageThroughRecipients } from '../store/page-through-recipients.ts';
import { recipientPrefix } from './publish-recipient.ts';
import type { Publisher } from './publisher.ts';

/** Takes every page and video of a campaign off the CDN; its data and counts stay for reporting. */
export async function removeCampaignPages(options: {
  db: Db;
  publisher: Publisher;
  campaignId: string;
}): Promise<{ removed: number }> {
  let removed = 0;
  for await (const recipient of pageThroughRecipients({
    db: options.db,
    campaignId: options.campaignId,
    statuses: ['published', 'failed', 'rendering', 'queued'],
  })) {
    await options.publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
    removed += recipient.state.status === 'published' && !recipient.erased ? 1 : 0;
  }
  return { removed };
}
