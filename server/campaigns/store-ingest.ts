import type { IngestEvent } from '../ingest/ingest-event.ts';
import { cleanText } from '../storable-text.ts';
import { addIngestCounts } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { makePayRef, makeToken } from '../store/make-token.ts';
import { insertRecipients, type NewRecipient } from '../store/recipients.ts';
import { insertRejects, type RejectRow } from '../store/rejects.ts';
import { assignVariants } from '../store/variants.ts';

/** Ingest totals so far. */
export type IngestProgress = { read: number; accepted: number; rejected: number };

/**
 * Stores what ingest yields, in batches: accepted records become queued recipients with a
 * fresh token, rejected ones their reasons, with the value cut to 200 characters (a 20 MB cell
 * is not kept whole) and cleaned of what the store cannot hold. Each batch and its counts land
 * in one transaction, so counts always match the rows.
 */
export async function storeIngest(options: {
  db: Db;
  campaignId: string;
  events: AsyncIterable<IngestEvent>;
  batchSize?: number;
  onProgress?: (progress: IngestProgress) => void;
}): Promise<IngestProgress> {
  const batchSize = options.batchSize ?? 500;
  const totals: IngestProgress = { read: 0, accepted: 0, rejected: 0 };
  let recipients: NewRecipient[] = [];
  let rejects: RejectRow[] = [];
  let rejectedRows = 0;
  const flush = async () => {
    const batch = { recipients, rejects, rejectedRows };
    recipients = [];
    rejects = [];
    rejectedRows = 0;
    const stored = await options.db.transaction(async (tx) => {
      const inserted = await insertRecipients({ db: tx, campaignId: options.campaignId, recipients: batch.recipients });
      await assignVariants({ db: tx, campaignId: options.campaignId, recordIds: inserted });
      const repeated = batch.recipients.filter((recipient) => !inserted.has(recipient.recordId));
      const rejects = [
        ...batch.rejects,
        ...repeated.map((recipient) => ({
          row: recipient.row,
          field: 'id',
          value: recipient.recordId,
          reason: 'duplicate id; the campaign already has this debtor from an earlier upload',
        })),
      ];
      await insertRejects({ db: tx, campaignId: options.campaignId, rejects });
      const rejected = batch.rejectedRows + repeated.length;
      await addIngestCounts({ db: tx, id: options.campaignId, accepted: inserted.size, rejected });
      return { accepted: inserted.size, rejected };
    });
    totals.accepted += stored.accepted;
    totals.rejected += stored.rejected;
    totals.read = totals.accepted + totals.rejected;
    options.onProgress?.({ ...totals });
  };
  for await (const event of options.events) {
    if (event.kind === 'accepted') {
      recipients.push({
        recordId: event.record.id,
        row: event.row,
        token: makeToken(),
        payRef: makePayRef(),
        locale: event.record.locale,
        data: event.record,
      });
    } else {
      rejectedRows += 1;
      rejects.push(
        ...event.issues.map((issue) => ({
          row: event.row,
          field: cleanText(issue.field, { maxLength: 200 }),
          value: cleanText(issue.value, { maxLength: 200 }),
          reason: cleanText(issue.reason, { maxLength: 1000 }),
        })),
      );
    }
    if (recipients.length + rejectedRows >= batchSize) await flush();
  }
  await flush();
  return totals;
}
