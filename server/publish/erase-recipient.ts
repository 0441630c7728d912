import crypto from 'node:crypto';
import { NotFoundError } from '../errors.ts';
import type { SegmentCache } from '../render/segment-cache.ts';
import type { Db } from '../store/db.ts';
import { announceErasedLink, announceErasedSegments, prepareErasureEcho } from '../store/erased-links.ts';
import { forgetRecipientSegments, listErasableSegments } from '../store/recipient-segments.ts';
import { findRecipient } from '../store/recipients.ts';
import { recipientPrefix } from './publish-recipient.ts';
import type { Publisher } from './publisher.ts';

/**
 * Erases one recipient on request: their published files go, and so do their personal segments
 * (chunks, sounds, poster) from the segment cache — those no other recipient still uses; shared
 * intros and outros stay. Their record and the creditor's id for them are replaced by an
 * anonymous one, so the campaign's counts and funnel stay right, and every process on the
 * database hears that their link is gone (see makeRecipientCache) before this returns.
 */
export async function eraseRecipient(options: {
  db: Db;
  publisher: Publisher;
  /** Without it the segment index is kept, so a later erasure with the cache can still find the entries. */
  segmentCache?: SegmentCache;
  campaignId: string;
  recordId: string;
}): Promise<{ anonymousId: string; segmentsRemoved: number }> {
  const { db, campaignId, recordId } = options;
  const recipient = await findRecipient({ db, campaignId, recordId });
  if (!recipient || recipient.erased) {
    throw new NotFoundError({ problem: 'This campaign has no recipient with this id', value: recordId, fix: 'Use the id column of links.csv' });
  }
  await options.publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
  const segments = options.segmentCache ? await removeRecipientSegments({ db, segmentCache: options.segmentCache, token: recipient.token }) : [];
  const anonymousId = `erased-${crypto.randomBytes(8).toString('hex')}`;
  const echoed = await prepareErasureEcho({ db, token: recipient.token, timeoutMs: 2000 });
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
    await announceErasedLink({ db: tx, token: recipient.token });
    await announceErasedSegments({ db: tx, keys: segments });
  }).finally(echoed);
  return { anonymousId, segmentsRemoved: segments.length };
}

/**
 * Removes a recipient's personal segments that no other recipient still uses from the segment
 * cache, then forgets their index. Returns the keys removed (announce them: render machines
 * drop their local copies, see forgetErasedSegments).
 */
export async function removeRecipientSegments(options: { db: Db; segmentCache: Pick<SegmentCache, 'remove'>; token: string }): Promise<string[]> {
  const keys = await listErasableSegments({ db: options.db, token: options.token });
  for (const key of keys) await options.segmentCache.remove({ key });
  await forgetRecipientSegments({ db: options.db, token: options.token });
  return keys;
}
