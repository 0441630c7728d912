import crypto from 'node:crypto';
import { NotFoundError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { findRecipient } from '../store/recipients.ts';
import { recipientPrefix } from './publish-recipient.ts';
import type { Publisher } from './publisher.ts';

/**
 * Erases one recipient on request: their published files go, their record and the creditor's
 * id for them are replaced by an anonymous one, so the campaign's counts and funnel stay right.
 */
export async function eraseRecipient(options: { db: Db; publisher: Publisher; campaignId: string; recordId: string }): Promise<{ anonymousId: string }> {
  const { db, campaignId, recordId } = options;
  const recipient = await findRecipient({ db, campaignId, recordId });
  if (!recipient || recipient.erased) {
    throw new NotFoundError({ problem: 'This campaign has no recipient with this id', value: recordId, fix: 'Use the id column of links.csv' });
  }
  await options.publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
  const anonymousId = `erased-${crypto.randomBytes(8).toString('hex')}`;
  await db.transaction(async (tx) => {
    // Visitor hashes and event details (survey answers, form choices) go with the person; counts and payments stay, anonymous.
    await tx.query('update events set record_id = $3, visitor = null, detail = null where campaign_id = $1 and record_id = $2', [campaignId, recordId, anonymousId]);
    await tx.query('update payments set record_id = $3 where campaign_id = $1 and record_id = $2', [campaignId, recordId, anonymousId]);
    // What the debtor wrote (phone, comments) is personal: it goes with the record.
    await tx.query('delete from responses where campaign_id = $1 and record_id = $2', [campaignId, recordId]);
    await tx.query(
      `update recipients set record_id = $3, data = null, url = null, error = null, erased_at = now(), updated_at = now()
       where campaign_id = $1 and record_id = $2`,
      [campaignId, recordId, anonymousId],
    );
  });
  return { anonymousId };
}
