import { claimOpenRender, markOpenRenderFailed, markOpenRenderReady, touchOpenRender } from '../store/open-renders.ts';
import { findRecipientBySeq } from '../store/recipients.ts';
import { findJobCampaign } from './find-job-campaign.ts';
import { leaseSegmentCache, makeClaimedRecipient } from './make-claimed-recipient.ts';
import { makeHeartbeat } from './make-heartbeat.ts';
import { recordRepublished } from './record-republished.ts';
import type { RenderJobOutcome, runRenderJob } from './run-render-job.ts';

/**
 * The processor of a render on open, for the queue's workers and the in-process runner alike:
 * parse the job, check the campaign still renders on open, claim the opened recipient's render for
 * this job (the render, not the recipient, who stays published; so a second job for them never
 * renders too), then render their video, keeping the claim alive while it draws, and publish their
 * page again with the video beside the live player (playback `both`). The recipient stays published
 * at the same link throughout; the outcome is kept on their open render (ready, or the error with
 * the attempt counted, to be tried again).
 */
export async function runOpenRenderJob(options: Parameters<typeof runRenderJob>[0]): Promise<RenderJobOutcome> {
  const { db } = options;
  const job = await findJobCampaign(options);
  if ('skipped' in job) return { kind: 'skipped', reason: job.skipped };
  const { campaign, seq } = job;
  if (campaign.renderMode !== 'on-open') return { kind: 'skipped', reason: 'campaign renders eagerly' };
  const recipient = await findRecipientBySeq({ db, campaignId: campaign.id, seq });
  if (!recipient || recipient.erased || recipient.state.status !== 'published')
    return { kind: 'skipped', reason: 'recipient not published' };
  if (!(await claimOpenRender({ db, token: recipient.token, claimant: options.claimant })))
    return { kind: 'skipped', reason: 'already rendered on open, being rendered or out of tries' };
  const onProgress = makeHeartbeat({
    onProgress: options.onProgress,
    touch: () => touchOpenRender({ db, token: recipient.token }),
  });
  const made = await makeClaimedRecipient({ ...options, campaign, recipient, onProgress, republishAs: 'both' });
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
