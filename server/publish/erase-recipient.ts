import crypto from 'node:crypto';
import { NotFoundError } from '../errors.ts';
import type { SegmentCache } from '../render/segment-cache.ts';
import { anonymizeRecipient } from '../store/anonymize-recipient.ts';
import type { Db } from '../store/db.ts';
import { announceErasedSegments, prepareErasureEcho } from '../store/erased-links.ts';
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
    throw new NotFoundError({
      problem: 'This campaign has no recipient with this id',
      value: recordId,
      fix: 'Use the id column of links.csv',
    });
  }
  await options.publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
  const segments = options.segmentCache
    ? await removeRecipientSegments({ db, segmentCache: options.segmentCache, token: recipient.token })
    : [];
  const anonymousId = `erased-${crypto.randomBytes(8).toString('hex')}`;
  const echoed = await prepareErasureEcho({ db, token: recipient.token, timeoutMs: 2000 });
  await anonymizeRecipient({
    db,
    campaignId,
    recordId,
    anonymousId,
    token: recipient.token,
    segmentKeys: segments,
  }).finally(echoed);
  return { anonymousId, segmentsRemoved: segments.length };
}

/**
 * Removes a recipient's personal segments that no other recipient still uses from the segment
 * cache, then forgets their index. Returns the keys removed (announce them: render machines
 * drop their local copies, see forgetErasedSegments).
 */
export async function removeRecipientSegments(options: {
  db: Db;
  segmentCache: Pick<SegmentCache, 'remove'>;
  token: string;
}): Promise<string[]> {
  const keys = await listErasableSegments({ db: options.db, token: options.token });
  for (const key of keys) await options.segmentCache.remove({ key });
  await forgetRecipientSegments({ db: options.db, token: options.token });
  return keys;
}

/**
 * Removes what a render made for a debtor erased while it ran: their page folder, then their
 * personal segments (announced, so render machines drop their local copies too).
 */
export async function removeErasedRecipientWork(options: {
  db: Db;
  publisher: Pick<Publisher, 'removePrefix'>;
  segmentCache: Pick<SegmentCache, 'remove'>;
  token: string;
}): Promise<void> {
  await options.publisher.removePrefix({ prefix: recipientPrefix(options.token) });
  await announceErasedSegments({ db: options.db, keys: await removeRecipientSegments(options) });
}
