import { findCampaign, haltedStatuses } from '../store/campaigns.ts';
import { claimOpenRender, markOpenRenderFailed, markOpenRenderReady } from '../store/open-renders.ts';
import { findRecipientBySeq } from '../store/recipients.ts';
import { leaseSegmentCache, makeClaimedRecipient } from './make-claimed-recipient.ts';
import { recordRepublished } from './record-republished.ts';
import { parseRenderJobData } from './render-job.ts';
import type { RenderJobOutcome, runRenderJob } from './run-render-job.ts';

/**
 * The processor of a render on open, for the queue's workers and the in-process runner alike:
 * parse the job, check the campaign still renders on open, claim the opened recipient's render (so
 * a second job for them never renders twice), then render their video and publish their page again
 * with the video beside the live player (playback `both`). The recipient stays published at the
 * same link throughout; the outcome is kept on their open render (ready, or the error with the
 * attempt counted, to be tried again).
 */
export async function runOpenRenderJob(
  // No claimant: the open render itself is claimed, not the recipient, who stays published.
  options: Omit<Parameters<typeof runRenderJob>[0], 'claimant'>,
): Promise<RenderJobOutcome> {
  const { campaignId, seq } = parseRenderJobData(options.data);
  const { db } = options;
  const campaign = await findCampaign({ db, id: campaignId });
  if (!campaign) return { kind: 'skipped', reason: 'campaign not found' };
  if (haltedStatuses.includes(campaign.status)) return { kind: 'skipped', reason: `campaign ${campaign.status}` };
  if (campaign.renderMode !== 'on-open') return { kind: 'skipped', reason: 'campaign renders eagerly' };
  const recipient = await findRecipientBySeq({ db, campaignId, seq });
  if (!recipient || recipient.erased || recipient.state.status !== 'published')
    return { kind: 'skipped', reason: 'recipient not published' };
  if (!(await claimOpenRender({ db, token: recipient.token })))
    return { kind: 'skipped', reason: 'already rendered on open, being rendered or out of tries' };
  const made = await makeClaimedRecipient({ ...options, campaign, recipient, republishAs: 'both' });
  const state = await recordRepublished({
    ...options,
    campaign,
    renderer: leaseSegmentCache({ pool: options.pool, campaign }),
    recipient,
    state: made,
  });
  if (state.status === 'published') await markOpenRenderReady({ db, token: recipient.token });
  else if (state.status === 'failed')
    await markOpenRenderFailed({ db, token: recipient.token, error: state.error, retryable: state.retryable });
  return { kind: 'done', state };
}
