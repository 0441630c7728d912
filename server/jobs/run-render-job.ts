import type { SiteAssets } from '../render/make-microsite.ts';
import type { Publisher } from '../publish/publisher.ts';
import { findCampaign, haltedStatuses } from '../store/campaigns.ts';
import { claimRecipient } from '../store/claim-recipient.ts';
import type { Db } from '../store/db.ts';
import { findRecipientBySeq, setRecipientState, touchRecipient, type RecipientState } from '../store/recipients.ts';
import { describeFailure } from './describe-failure.ts';
import { processRecipient } from './process-recipient.ts';
import { findJobTemplate } from './find-job-template.ts';
import { parseRenderJobData } from './render-job.ts';
import type { RendererPool } from './renderer-pool.ts';

/** What became of a render job: done (with the recipient's new state) or skipped, and why. */
export type RenderJobOutcome = { kind: 'done'; state: RecipientState } | { kind: 'skipped'; reason: string };

/**
 * The one render job processor, for the queue's workers and the in-process runner alike: parse
 * the job, check the campaign still wants it, claim the recipient (so nobody renders it twice),
 * then render and publish it. Once claimed, every failure ends as the recipient's `failed`
 * state, so nothing is left `rendering`. A malformed payload throws a non-retryable KindlyError.
 */
export async function runRenderJob(options: {
  db: Db;
  publisher: Publisher;
  pool: RendererPool;
  getAssets: () => Promise<SiteAssets>;
  workRoot: string;
  data: unknown;
  claimant: string;
  onProgress?: (progress: number) => void;
}): Promise<RenderJobOutcome> {
  const { campaignId, seq } = parseRenderJobData(options.data);
  const { db } = options;
  const campaign = await findCampaign({ db, id: campaignId });
  if (!campaign) return { kind: 'skipped', reason: 'campaign not found' };
  if (haltedStatuses.includes(campaign.status)) return { kind: 'skipped', reason: `campaign ${campaign.status}` };
  const recipient = await findRecipientBySeq({ db, campaignId, seq });
  if (!recipient) return { kind: 'skipped', reason: 'recipient not found' };
  if (!(await claimRecipient({ db, campaignId, recordId: recipient.recordId, claimant: options.claimant })))
    return { kind: 'skipped', reason: 'already published, erased or being rendered' };
  let touched = Date.now();
  const onProgress = (progress: number) => {
    options.onProgress?.(progress);
    if (Date.now() - touched < 30_000) return;
    touched = Date.now();
    void touchRecipient({ db, token: recipient.token }).catch(() => undefined);
  };
  let lease;
  try {
    // An A/B test gives each recipient their variant's template.
    const template = await findJobTemplate({ db, campaign, recipient });
    lease = await options.pool.lease(template);
    const assets = await options.getAssets();
    const state = await processRecipient({
      db,
      campaign,
      template,
      renderer: lease.renderer,
      publisher: options.publisher,
      assets,
      recipient,
      workRoot: options.workRoot,
      onProgress,
    });
    return { kind: 'done', state };
  } catch (error) {
    const state: RecipientState = { status: 'failed', ...describeFailure(error) };
    await setRecipientState({ db, token: recipient.token, state });
    return { kind: 'done', state };
  } finally {
    lease?.release();
  }
}
