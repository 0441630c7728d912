import { makeLimiter } from '../render/make-limiter.ts';
import { findCampaign, haltedStatuses } from '../store/campaigns.ts';
import { claimRecipients } from '../store/claim-recipient.ts';
import { leaseSegmentCache, makeClaimedRecipient, type RecipientKit } from './make-claimed-recipient.ts';
import { recordOutcomes } from './record-outcomes.ts';
import type { RenderJobOutcome } from './run-render-job.ts';

/**
 * Pages built at once within a batch. A live page is a sealed payload (PBKDF2 runs off the main
 * thread) and two small files: a few at a time keep both cores busy.
 */
const pagesInFlight = 8;

/**
 * Publishes a batch of a live campaign's recipients, by position, as the render job would one by
 * one, but with one read of the campaign, one claim and one write of the outcomes for the whole
 * batch: a live page draws nothing, so the store's round trips were most of its cost. Recipients
 * not claimed (published, erased, someone else's) are skipped. Never throws for one recipient:
 * each ends published or failed, as their own outcome.
 */
export async function publishLiveBatch(
  options: RecipientKit & { campaignId: string; seqs: readonly number[]; claimant: string },
): Promise<{ seq: number; outcome: RenderJobOutcome }[]> {
  const { db, campaignId, seqs } = options;
  const skip = (reason: string) => seqs.map((seq) => ({ seq, outcome: { kind: 'skipped' as const, reason } }));
  const campaign = await findCampaign({ db, id: campaignId });
  if (!campaign) return skip('campaign not found');
  if (haltedStatuses.includes(campaign.status)) return skip(`campaign ${campaign.status}`);
  const claimed = await claimRecipients({ db, campaignId, seqs, claimant: options.claimant });
  const limit = makeLimiter({ slots: pagesInFlight });
  const outcomes = await Promise.all(
    claimed.map((recipient) =>
      limit(async () => ({ recipient, state: await makeClaimedRecipient({ ...options, campaign, recipient }) })),
    ),
  );
  const recorded = await recordOutcomes({
    ...options,
    campaign,
    segmentCache: leaseSegmentCache({ pool: options.pool, campaign }),
    outcomes,
  });
  const bySeq = new Map(claimed.map((recipient, index) => [recipient.seq, recorded[index]]));
  return seqs.map((seq) => {
    const state = bySeq.get(seq);
    return {
      seq,
      outcome: state
        ? { kind: 'done' as const, state }
        : { kind: 'skipped' as const, reason: 'already published, erased or being rendered' },
    };
  });
}
