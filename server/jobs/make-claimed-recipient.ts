import { findTemplate } from '../../templates/registry.ts';
import type { PlaybackMode } from '../../templates/template-definition.ts';
import type { SegmentCache } from '../render/segment-cache.ts';
import type { Publisher } from '../publish/publisher.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import type { Recipient, RecipientState } from '../store/recipients.ts';
import { describeFailure } from './describe-failure.ts';
import { findJobTemplate } from './find-job-template.ts';
import type { RenderKit } from './make-render-kit.ts';
import { makeRecipientState } from './process-recipient.ts';
import { withRenderer, type Lease, type RendererPool } from './renderer-pool.ts';

/** What a process that publishes recipients holds: its store, its CDN and its render kit. */
export type RecipientKit = RenderKit & { db: Db; publisher: Publisher };

/**
 * Makes a claimed recipient's page with the campaign's template, or their A/B variant's, and
 * records nothing (see recordOutcomes). A renderer is leased only if a picture must be drawn: a
 * live page draws none, and must not hold (or recycle) a browser. Never throws: a template this
 * process lacks, or assets it cannot publish, end as the recipient's failure.
 */
export async function makeClaimedRecipient(
  options: RecipientKit & {
    campaign: Campaign;
    recipient: Recipient;
    onProgress?: (progress: number) => void;
    republishAs?: PlaybackMode;
  },
): Promise<RecipientState> {
  const { db, campaign, pool } = options;
  let lease: Promise<Lease> | undefined;
  try {
    // An A/B test gives each recipient their variant's template.
    const template = await findJobTemplate({ db, campaign, recipient: options.recipient });
    return await makeRecipientState({
      ...options,
      template,
      assets: await options.getAssets(),
      getRenderer: async () => (await (lease ??= pool.lease(template))).renderer,
      getNeutralMedia: ({ look }) => options.getNeutralMedia({ template, look, db, campaignId: campaign.id }),
      warmShared: (look) => void options.warmer?.warm({ template, look }),
    });
  } catch (error) {
    return { status: 'failed', ...describeFailure(error) };
  } finally {
    (await lease?.catch(() => undefined))?.release();
  }
}

/** The segment cache behind a pool's renderers, through a renderer leased only when something is removed. */
export function leaseSegmentCache(options: {
  pool: RendererPool;
  campaign: Pick<Campaign, 'templateId'>;
}): Pick<SegmentCache, 'remove'> {
  return {
    remove: async (segment) => {
      const template = findTemplate(options.campaign.templateId);
      if (!template) throw new Error(`No template ${options.campaign.templateId} to open the segment cache with`);
      await withRenderer(options.pool, template, (renderer) => renderer.remove(segment));
    },
  };
}
