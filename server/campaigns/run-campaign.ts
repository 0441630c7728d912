import type { RenderMode } from '../campaign-options.ts';
import type { PlaybackMode, TemplateDefinition, VideoDelivery } from '../../templates/template-definition.ts';
import type { BrandKit } from '../../templates/brand/brand-kit.ts';
import { InputError } from '../errors.ts';
import { readRecords } from '../ingest/read-records.ts';
import type { InProcessRunner } from '../jobs/open-in-process-runner.ts';
import type { QueueRunner } from '../jobs/open-queue-runner.ts';
import { writeCampaignFiles, type CampaignFiles } from '../publish/write-campaign-files.ts';
import { campaignDefaults, createCampaign, getCampaign, type Campaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { storeIngest, type IngestProgress } from './store-ingest.ts';
import { endCampaignUpload } from './end-campaign-upload.ts';
import { makeCampaignId } from './make-campaign-id.ts';
import { moveCampaign } from './move-campaign.ts';
import { renderCampaignHere, type RenderProgress } from './render-campaign-here.ts';

/**
 * A whole campaign in this process: ingest the records file into the store, render and publish
 * every accepted recipient on this process's runner (to the publisher's site folder or bucket),
 * and write the operator's files to `outDir`.
 */
export async function runCampaign(options: {
  db: Db;
  /** This process's runner: the campaign renders here. */
  runner: InProcessRunner | QueueRunner;
  template: TemplateDefinition;
  records: string;
  mapping?: Record<string, string>;
  outDir: string;
  baseUrl: string;
  trackUrl?: string;
  payUrl: string;
  /** How recipients watch (default: the template's). */
  playback?: PlaybackMode;
  /** How the video is delivered (default: mp4). */
  videoDelivery?: VideoDelivery;
  /** A saved template version (its copy edits); the template's own version when absent. */
  templateVersion?: string;
  campaignId?: string;
  brand?: BrandKit;
  tone?: string;
  /** E-mail thumbnails show nothing personal (see Campaign.neutralThumbnail). */
  neutralThumbnail?: boolean;
  /** Render every video now (eager, the default) or each when its page is first opened (on-open: pages go out live). */
  renderMode?: RenderMode;
  onIngestProgress?: (progress: IngestProgress) => void;
  onRenderProgress?: (progress: RenderProgress) => void;
}): Promise<{ campaign: Campaign; files: CampaignFiles }> {
  const { db, template } = options;
  const id = options.campaignId ?? makeCampaignId({ templateId: template.id });
  await createCampaign({
    db,
    campaign: {
      id,
      templateId: template.id,
      templateVersion: options.templateVersion ?? template.version,
      payUrl: options.payUrl,
      baseUrl: options.baseUrl,
      trackUrl: options.trackUrl,
      playback: options.playback,
      videoDelivery: options.videoDelivery,
      brand: options.brand,
      tone: options.tone,
      neutralThumbnail: options.neutralThumbnail,
      renderMode: options.renderMode,
    },
  });
  const campaign = await moveCampaign({ db, id, action: 'upload' });
  const events = readRecords({
    source: { path: options.records },
    template,
    mapping: options.mapping,
    defaults: campaignDefaults(campaign),
  });
  try {
    const ingested = await storeIngest({ db, campaignId: id, events, onProgress: options.onIngestProgress });
    if (ingested.accepted === 0) {
      const files = await writeCampaignFiles({ db, campaign, outDir: options.outDir });
      throw new InputError({
        problem: `No valid row in the records file: ${ingested.rejected} of ${ingested.read} rejected`,
        value: options.records,
        fix: `Read the reasons in ${files.rejects}, fix the file and run again`,
      });
    }
  } finally {
    await endCampaignUpload({ db, id });
  }
  await renderCampaignHere({ db, runner: options.runner, id, action: 'start', onProgress: options.onRenderProgress });
  const files = await writeCampaignFiles({ db, campaign, outDir: options.outDir });
  return { campaign: await getCampaign({ db, id }), files };
}
