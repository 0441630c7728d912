import type { Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { pageThroughRecipients } from '../store/page-through-recipients.ts';
import type { Recipient } from '../store/recipients.ts';
import { listHolds } from '../store/responses.ts';
import { makeRecipientUrl } from './publish-recipient.ts';

/**
 * A recipient a link may go to, with the personal URL and `hold`: why no reminder is to be sent
 * (`paid_claim`, `dispute`, both joined by `;`), or '' when none is held.
 */
export type LinkRecipient = { recipient: Recipient; url: string; hold: string };

/**
 * The recipients of links.csv and the delivery kit, in upload order, a page at a time: every
 * published one except those erased or opted out (they are not to be contacted again). Those who
 * said they already paid, or dispute the debt, stay in, flagged with their hold.
 */
export async function* listLinkRecipients(options: { db: Db; campaign: Campaign }): AsyncGenerator<LinkRecipient> {
  const { campaign } = options;
  const holds = await listHolds({ db: options.db, campaignId: campaign.id });
  for await (const recipient of pageThroughRecipients({
    db: options.db,
    campaignId: campaign.id,
    statuses: ['published'],
    pageSize: 1000,
  })) {
    if (recipient.erased || recipient.optedOut) continue;
    yield {
      recipient,
      url: makeRecipientUrl({ baseUrl: campaign.baseUrl, token: recipient.token }),
      hold: holds.get(recipient.recordId)?.join(';') ?? '',
    };
  }
}
