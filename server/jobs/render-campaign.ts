import type { Publisher } from '../publish/publisher.ts';
import { bumpCampaignRun, getCampaign, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { countRecipients, requeueRecipients } from '../store/recipients.ts';
import { makeRenderKit } from './make-render-kit.ts';
import { openInProcessRunner } from './open-in-process-runner.ts';

/** Render totals so far; `current` is the fraction done of the recipient in flight. */
export type RenderProgress = { total: number; published: number; failed: number; current: number };

/**
 * Renders and publishes every queued recipient of a campaign in this process and waits for the
 * end (the CLI's path, on the embedded store). Recipients left `rendering` by a stopped run of
 * this campaign are queued again first.
 */
export async function renderCampaign(options: {
  db: Db;
  campaign: Campaign;
  publisher: Publisher;
  dataDir: string;
  browserExecutable: string | undefined;
  frameConcurrency?: number;
  attempts?: number;
  onProgress?: (progress: RenderProgress) => void;
}): Promise<RenderProgress> {
  const { db } = options;
  await requeueRecipients({ db, campaignId: options.campaign.id, statuses: ['rendering'] });
  const progress: RenderProgress = { total: await countRecipients({ db, campaignId: options.campaign.id, statuses: ['queued'] }), published: 0, failed: 0, current: 0 };
  if (progress.total === 0) return progress;
  await bumpCampaignRun({ db, id: options.campaign.id, status: 'rendering' });
  const campaign = await getCampaign({ db, id: options.campaign.id });
  const kit = makeRenderKit(options);
  const runner = openInProcessRunner({
    db,
    publisher: options.publisher,
    ...kit,
    attempts: options.attempts,
    onProgress: ({ progress: fraction }) => {
      // Stages report their own fractions; the bar only moves forward.
      progress.current = Math.max(progress.current, Math.min(fraction, 0.99));
      options.onProgress?.({ ...progress });
    },
    onOutcome: ({ outcome }) => {
      progress.current = 0;
      if (outcome.kind !== 'done') return;
      if (outcome.state.status === 'published') progress.published += 1;
      else progress.failed += 1;
      options.onProgress?.({ ...progress, current: 0 });
    },
  });
  try {
    await runner.startCampaign({ campaign });
    await runner.idle({ campaignId: campaign.id });
  } finally {
    await runner.close();
    await kit.pool.close();
  }
  return progress;
}
