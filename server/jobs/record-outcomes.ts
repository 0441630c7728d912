import { removeErasedRecipientWork } from '../publish/erase-recipient.ts';
import type { SegmentCache } from '../render/segment-cache.ts';
import { recipientPrefix } from '../publish/publish-recipient.ts';
import type { Publisher } from '../publish/publisher.ts';
import { findCampaign, takenDownStatuses, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { setRecipientState, type Recipient, type RecipientState } from '../store/recipients.ts';
import { setRecipientStates } from '../store/set-recipient-states.ts';
import { describeFailure } from './describe-failure.ts';

/**
 * Records the outcomes of a batch of recipients in one statement: a page that landed after its
 * campaign was taken down goes again (the recipient waits queued), and what was made for a debtor
 * erased meanwhile goes as the erasure's did. When the store or the CDN fails meanwhile, every
 * outcome becomes a retryable failure, recorded one by one if the store takes it. Returns the
 * states as recorded, in order.
 */
export async function recordOutcomes(options: {
  db: Db;
  campaign: Pick<Campaign, 'id'>;
  /** Where a debtor erased meanwhile had their personal segments (opened only if they had any). */
  segmentCache: Pick<SegmentCache, 'remove'>;
  publisher: Publisher;
  outcomes: readonly { recipient: Recipient; state: RecipientState }[];
}): Promise<RecipientState[]> {
  const { db, publisher } = options;
  try {
    const now = await findCampaign({ db, id: options.campaign.id });
    const takenDown = now !== undefined && takenDownStatuses.includes(now.status);
    const outcomes = await Promise.all(
      options.outcomes.map(async ({ recipient, state }) => {
        if (!(takenDown && state.status === 'published')) return { recipient, state };
        await publisher.removePrefix({ prefix: recipientPrefix(recipient.token) });
        return { recipient, state: { status: 'queued' } satisfies RecipientState };
      }),
    );
    const recorded = await setRecipientStates({
      db,
      states: outcomes.map(({ recipient, state }) => ({ token: recipient.token, state })),
    });
    // What was made for a debtor erased meanwhile goes; one cleanup failing fails only that debtor's outcome.
    return await Promise.all(
      outcomes.map(async ({ recipient, state }) => {
        if (recorded.has(recipient.token)) return state;
        try {
          await removeErasedRecipientWork({
            db,
            publisher,
            segmentCache: options.segmentCache,
            token: recipient.token,
          });
          return state;
        } catch (error) {
          return { status: 'failed', ...describeFailure(error), retryable: true } satisfies RecipientState;
        }
      }),
    );
  } catch (error) {
    const failed: RecipientState = { status: 'failed', ...describeFailure(error), retryable: true };
    for (const { recipient } of options.outcomes)
      await setRecipientState({ db, token: recipient.token, state: failed }).catch(() => undefined);
    return options.outcomes.map(() => failed);
  }
}
