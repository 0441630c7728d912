import type { Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { pageThroughRecipients } from '../store/page-through-recipients.ts';
import { listRejects } from '../store/rejects.ts';
import { makeRecipientUrl } from './publish-recipient.ts';
import { toCsvLine } from '../to-csv-line.ts';

/** `links.csv` line by line (id,url of every published recipient), read from the store a page at a time. */
export async function* makeLinksCsv(options: { db: Db; campaign: Campaign }): AsyncGenerator<string> {
  yield toCsvLine(['id', 'url']);
  for await (const recipient of pageThroughRecipients({ db: options.db, campaignId: options.campaign.id, statuses: ['published'], pageSize: 1000 })) {
    // Debtors who opted out are not to be contacted again.
    if (!recipient.erased && !recipient.optedOut) yield toCsvLine([recipient.recordId, makeRecipientUrl({ baseUrl: options.campaign.baseUrl, token: recipient.token })]);
  }
}

/** `rejects.csv` line by line: row, field, value, reason. */
export async function* makeRejectsCsv(options: { db: Db; campaignId: string }): AsyncGenerator<string> {
  yield toCsvLine(['row', 'field', 'value', 'reason']);
  for (let afterId = 0; ; ) {
    const page = await listRejects({ db: options.db, campaignId: options.campaignId, afterId, limit: 1000 });
    if (page.length === 0) return;
    for (const reject of page) yield toCsvLine([reject.row, reject.field, reject.value, reject.reason]);
    afterId = page[page.length - 1]?.id ?? afterId;
  }
}
