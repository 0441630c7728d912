import type { Db } from './db.ts';
import { listRecipients, type Recipient, type RecipientState } from './recipients.ts';

/** A campaign's recipients in these states, in upload order, fetched a page at a time so any campaign size fits in memory. */
export async function* pageThroughRecipients(options: {
  db: Db;
  campaignId: string;
  statuses: readonly RecipientState['status'][];
  pageSize?: number;
}): AsyncGenerator<Recipient> {
  let afterSeq = 0;
  for (;;) {
    const page = await listRecipients({
      db: options.db,
      campaignId: options.campaignId,
      statuses: options.statuses,
      afterSeq,
      limit: options.pageSize ?? 200,
    });
    if (page.length === 0) return;
    for (const recipient of page) {
      afterSeq = recipient.seq;
      yield recipient;
    }
  }
}
