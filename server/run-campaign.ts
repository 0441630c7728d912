import crypto from 'node:crypto';
import path from 'node:path';
import type { PlaybackMode, TemplateDefinition } from '../templates/template-definition.ts';
import type { BrandKit } from '../templates/brand/brand-kit.ts';
import { resolvePlanRules } from '../templates/interactive/plan-rules.ts';
import { InputError } from './errors.ts';
import { readRecords } from './ingest/read-records.ts';
import { renderCampaign, type RenderProgress } from './jobs/render-campaign.ts';
import type { Publisher } from './publish/publisher.ts';
import { writeCampaignFiles, type CampaignFiles } from './publish/write-campaign-files.ts';
import { campaignDefaults, createCampaign, getCampaign, type Campaign } from './store/campaigns.ts';
import type { Db } from './store/db.ts';
import { storeIngest, type IngestProgress } from './store/store-ingest.ts';

/** A campaign id that says which template and when, and nothing about any debtor. */
export function makeCampaignId(options: { templateId: string; now?: Date }): string {
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${options.templateId}-${stamp}-${crypto.randomBytes(2).toString('hex')}`;
}

/** Where a campaign's files go: the site (CDN origin) and, beside it, the operator's files. */
export const siteDirOf = (outDir: string) => path.join(outDir, 'site');

/**
 * A whole campaign in this process: ingest the records file into the store, render and publish
 * every accepted recipient (to `<outDir>/site`, or the configured bucket), and write the
 * operator's files to `outDir`.
 */
export async function runCampaign(options: {
  db: Db;
  template: TemplateDefinition;
  records: string;
  mapping?: Record<string, string>;
  outDir: string;
  publisher: Publisher;
  baseUrl: string;
  trackUrl?: string;
  payUrl: string;
  /** How recipients watch (default: the template's). */
  playback?: PlaybackMode;
  /** A saved template version (its copy edits); the template's own version when absent. */
  templateVersion?: string;
  dataDir: string;
  browserExecutable: string | undefined;
  campaignId?: string;
  brand?: BrandKit;
  tone?: string;
  /** E-mail thumbnails show nothing personal (see Campaign.neutralThumbnail). */
  neutralThumbnail?: boolean;
  frameConcurrency?: number;
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
      planRules: resolvePlanRules(template.planRules),
      status: 'ingesting',
      brand: options.brand,
      tone: options.tone,
      neutralThumbnail: options.neutralThumbnail,
    },
  });
  const campaign = await getCampaign({ db, id });
  const events = readRecords({ source: { path: options.records }, template, mapping: options.mapping, defaults: campaignDefaults(campaign) });
  const ingested = await storeIngest({ db, campaignId: id, events, onProgress: options.onIngestProgress });
  if (ingested.accepted === 0) {
    const files = await writeCampaignFiles({ db, campaign, outDir: options.outDir });
    throw new InputError({
      problem: `No valid row in the records file: ${ingested.rejected} of ${ingested.read} rejected`,
      value: options.records,
      fix: `Read the reasons in ${files.rejects}, fix the file and run again`,
    });
  }
  await renderCampaign({
    db,
    campaign,
    publisher: options.publisher,
    dataDir: options.dataDir,
    browserExecutable: options.browserExecutable,
    frameConcurrency: options.frameConcurrency,
    onProgress: options.onRenderProgress,
  });
  const files = await writeCampaignFiles({ db, campaign, outDir: options.outDir });
  return { campaign: await getCampaign({ db, id }), files };
}
