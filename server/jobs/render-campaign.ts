import os from 'node:os';
import path from 'node:path';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { openRenderer } from '../render/open-renderer.ts';
import { publishSiteAssets } from '../publish/publish-site-assets.ts';
import type { Publisher } from '../publish/publisher.ts';
import { setCampaignStatus, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { listRecipients, requeueRecipients, type Recipient } from '../store/recipients.ts';
import { processRecipient } from './process-recipient.ts';
import { runPool } from './run-pool.ts';

/** Render totals so far; `current` is the fraction done of the recipients in flight. */
export type RenderProgress = { total: number; published: number; failed: number; current: number };

/**
 * Renders and publishes every queued recipient of a campaign in this process (the embedded
 * job runner): one bundle, one browser, `recipientsInFlight` recipients at a time. Recipients
 * left `rendering` by a stopped run are queued again first.
 */
export async function renderCampaign(options: {
  db: Db;
  campaign: Campaign;
  template: TemplateDefinition;
  publisher: Publisher;
  workRoot: string;
  browserExecutable: string | undefined;
  frameConcurrency?: number;
  recipientsInFlight?: number;
  signal?: AbortSignal;
  onProgress?: (progress: RenderProgress) => void;
  onBundleProgress?: (percent: number) => void;
}): Promise<RenderProgress> {
  const { db, campaign } = options;
  await requeueRecipients({ db, campaignId: campaign.id, statuses: ['rendering'] });
  const queued = await db.query<{ count: string | number }>("select count(*) as count from recipients where campaign_id = $1 and status = 'queued'", [campaign.id]);
  const progress: RenderProgress = { total: Number(queued.rows[0]?.count ?? 0), published: 0, failed: 0, current: 0 };
  if (progress.total === 0) return progress;
  await setCampaignStatus({ db, id: campaign.id, status: 'rendering' });
  const assets = await publishSiteAssets({ publisher: options.publisher });
  const renderer = await openRenderer({
    template: options.template,
    browserExecutable: options.browserExecutable,
    concurrency: options.frameConcurrency ?? os.availableParallelism(),
    onBundleProgress: options.onBundleProgress,
  });
  try {
    await runPool({
      items: pageThroughQueued({ db, campaignId: campaign.id }),
      concurrency: options.recipientsInFlight ?? 1,
      signal: options.signal,
      work: async (recipient) => {
        const state = await processRecipient({
          ...options,
          renderer,
          assets,
          recipient,
          workRoot: path.join(options.workRoot, campaign.id),
          onProgress: (fraction) => options.onProgress?.({ ...progress, current: fraction }),
        });
        if (state.status === 'published') progress.published += 1;
        else progress.failed += 1;
        options.onProgress?.({ ...progress, current: 0 });
      },
    });
  } finally {
    await renderer.close();
  }
  await setCampaignStatus({ db, id: campaign.id, status: 'done' });
  return progress;
}

async function* pageThroughQueued(options: { db: Db; campaignId: string }): AsyncGenerator<Recipient> {
  let afterRow = 0;
  for (;;) {
    const page = await listRecipients({ ...options, statuses: ['queued'], afterRow, limit: 100 });
    if (page.length === 0) return;
    for (const recipient of page) {
      afterRow = recipient.row;
      yield recipient;
    }
  }
}
