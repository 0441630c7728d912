import type { SegmentCache } from '../render/segment-cache.ts';
import { removeErasedRecipientWork } from '../publish/erase-recipient.ts';
import { recipientPrefix } from '../publish/publish-recipient.ts';
import type { Publisher } from '../publish/publisher.ts';
import { findCampaign, takenDownStatuses, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { findRecipientByToken, type Recipient, type RecipientState } from '../store/recipients.ts';
import { describeFailure } from './describe-failure.ts';

/**
 * Ends a render on open without touching the recipient's status or link (their page stayed live
 * all along). A page that landed after its campaign was taken down goes again and the render counts
 * as failed for good; what was made for a debtor erased meanwhile goes as the erasure's did. Never
 * throws: a store or CDN fault is a retryable failure.
 */
export async function recordRepublished(options: {
  db: Db;
  campaign: Pick<Campaign, 'id'>;
  /** The segment cache the render used (the renderer is one). */
  renderer: Pick<SegmentCache, 'remove'>;
  publisher: Pick<Publisher, 'removePrefix'>;
  recipient: Pick<Recipient, 'token'>;
  state: RecipientState;
}): Promise<RecipientState> {
  const { db, recipient, publisher, state } = options;
  if (state.status !== 'published') return state;
  try {
    const now = await findCampaign({ db, id: options.campaign.id });
    if (now && takenDownStatuses.includes(now.status)) {
      await publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
      return {
        status: 'failed',
        error: `The campaign was ${now.status} while the video was rendered`,
        retryable: false,
      };
    }
    if (!(await findRecipientByToken({ db, token: recipient.token }))) {
      await removeErasedRecipientWork({ db, publisher, segmentCache: options.renderer, token: recipient.token });
      return { status: 'failed', error: 'The recipient was erased while the video was rendered', retryable: false };
    }
    return state;
  } catch (error) {
    return { status: 'failed', ...describeFailure(error), retryable: true };
  }
}
