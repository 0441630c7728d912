import { claimRecipient } from '../store/claim-recipient.ts';
import { findRecipientBySeq, touchRecipient, type RecipientState } from '../store/recipients.ts';
import { findJobCampaign } from './find-job-campaign.ts';
import { leaseSegmentCache, makeClaimedRecipient, type RecipientKit } from './make-claimed-recipient.ts';
import { makeHeartbeat } from './make-heartbeat.ts';
import { recordOutcomes } from './record-outcomes.ts';

/** What became of a render job: done (with the recipient's new state) or skipped, and why. */
export type RenderJobOutcome = { kind: 'done'; state: RecipientState } | { kind: 'skipped'; reason: string };

/**
 * The one render job processor, for the queue's workers and the in-process runner alike: parse
 * the job, check the campaign still wants it, claim the recipient (so nobody renders it twice),
 * then render and publish it. Once claimed, every failure ends as the recipient's `failed`
 * state, so nothing is left `rendering`. A malformed payload throws a non-retryable KindlyError.
 */
export async function runRenderJob(
  options: RecipientKit & { data: unknown; claimant: string; onProgress?: (progress: number) => void },
): Promise<RenderJobOutcome> {
  const { db } = options;
  const job = await findJobCampaign(options);
  if ('skipped' in job) return { kind: 'skipped', reason: job.skipped };
  const { campaign, seq } = job;
  const campaignId = campaign.id;
  const recipient = await findRecipientBySeq({ db, campaignId, seq });
  if (!recipient) return { kind: 'skipped', reason: 'recipient not found' };
  if (!(await claimRecipient({ db, campaignId, recordId: recipient.recordId, claimant: options.claimant })))
    return { kind: 'skipped', reason: 'already published, erased or being rendered' };
  const onProgress = makeHeartbeat({
    onProgress: options.onProgress,
    touch: () => touchRecipient({ db, token: recipient.token }),
  });
  const state = await makeClaimedRecipient({ ...options, campaign, recipient, onProgress });
  const [recorded = state] = await recordOutcomes({
    ...options,
    campaign,
    segmentCache: leaseSegmentCache({ pool: options.pool, campaign }),
    outcomes: [{ recipient, state }],
  });
  return { kind: 'done', state: recorded };
}
