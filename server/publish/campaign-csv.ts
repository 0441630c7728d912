import type { Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { listRejects } from '../store/rejects.ts';
import { toCsvLine } from '../to-csv-line.ts';
import { listLinkRecipients } from './list-link-recipients.ts';

/**
 * `links.csv` line by line: id, url and hold of every recipient a link may go to (see
 * listLinkRecipients); a row with a hold (paid_claim, dispute) gets no reminder.
 */
export async function* makeLinksCsv(options: { db: Db; campaign: Campaign }): AsyncGenerator<string> {
  yield toCsvLine(['id', 'url', 'hold']);
  for await (const { recipient, url, hold } of listLinkRecipients(options))
    yield toCsvLine([recipient.recordId, url, hold]);
}

/** `rejects.csv` line by line: row, field, value, reason. */
export async function* makeRejectsCsv(options: { db: Db; campaignId: string }): AsyncGenerator<string> {
  yield toCsvLine(['row', 'field', 'value', 'reason']);
  for (let afterId = 0; ;) {
    const page = await listRejects({ db: options.db, campaignId: options.campaignId, afterId, limit: 1000 });
    if (page.length === 0) return;
    for (const reject of page) yield toCsvLine([reject.row, reject.field, reject.value, reject.reason]);
    afterId = page[page.length - 1]?.id ?? afterId;
  }
}
