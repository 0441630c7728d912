import fs from 'node:fs/promises';
import path from 'node:path';
import { demoPayPath } from '../api/build-app.ts';
import type { Config } from '../config.ts';
import {
  requireHttpUrl,
  requirePlaybackMode,
  requireRenderMode,
  requireVideoDelivery,
  requireRecordsFile,
  requireTemplate,
  requireTone,
} from '../campaign-options.ts';
import { readBrandFile } from '../read-brand-file.ts';
import { parseMapping } from '../ingest/parse-mapping.ts';
import { runCampaign } from '../campaigns/run-campaign.ts';
import type { Services } from '../open-services.ts';
import { siteDirOf } from './site-dir-of.ts';
import { makeProgressBar, type ProgressBar } from './progress-bar.ts';
import { resolveTemplateVersion } from '../render/template-version-copy.ts';
import { auditCliAction, withCliAudit } from './audit-cli-action.ts';

export type RenderCommandOptions = {
  template: string;
  records: string;
  out: string;
  baseUrl: string;
  payUrl?: string;
  map?: string;
  mapFile?: string;
  campaign?: string;
  brand?: string;
  tone?: string;
  playback?: string;
  video?: string;
  templateVersion?: string;
  neutralThumbnail?: boolean;
  render?: string;
};

/** `kindly render`: a whole campaign from a records file to a published folder and the operator's files. */
export async function renderCommand(options: {
  args: RenderCommandOptions;
  config: Config;
  services: Services;
  log: (line: string) => void;
}) {
  const { args, config } = options;
  const { db } = options.services;
  const template = requireTemplate(args.template);
  const records = requireRecordsFile(args.records);
  const playback = args.playback === undefined ? undefined : requirePlaybackMode(args.playback);
  const renderMode = args.render === undefined ? undefined : requireRenderMode(args.render);
  const videoDelivery = args.video === undefined ? undefined : requireVideoDelivery(args.video);
  const templateVersion = await resolveTemplateVersion({ db, template, label: args.templateVersion });
  const baseUrl = requireHttpUrl({ name: '--base-url', value: args.baseUrl });
  const payUrl = args.payUrl ? requireHttpUrl({ name: '--pay-url', value: args.payUrl }) : `${baseUrl}${demoPayPath}`;
  if (!args.payUrl) options.log(`No --pay-url given: Pay now leads to the demo checkout page ${payUrl}`);
  const tone = args.tone ? requireTone({ template, tone: args.tone }) : undefined;
  const brand = args.brand ? await readBrandFile(args.brand) : undefined;
  const mapFile = args.mapFile ? await fs.readFile(args.mapFile, 'utf8') : undefined;
  const mapping = args.map || mapFile ? parseMapping({ text: args.map, fileContents: mapFile, template }) : undefined;
  let ingested = { read: 0, accepted: 0, rejected: 0 };
  let lastIngestLine = 0;
  let renderBar: ProgressBar | undefined;
  const { campaign, files } = await withCliAudit({
    db,
    command: 'render',
    action: 'campaign-render',
    campaignId: args.campaign,
    describe: (result) => ({
      campaignId: result.campaign.id,
      detail: `read ${result.files.counts.read}, accepted ${result.files.counts.accepted}, published ${result.files.counts.published}, failed ${result.files.counts.failed}`,
    }),
    work: () =>
      runCampaign({
        db,
        runner: options.services.runner,
        template,
        records,
        mapping,
        outDir: path.resolve(args.out),
        baseUrl,
        trackUrl: config.trackBaseUrl,
        payUrl,
        playback,
        videoDelivery,
        templateVersion,
        campaignId: args.campaign,
        brand,
        tone,
        neutralThumbnail: args.neutralThumbnail,
        renderMode,
        onIngestProgress: (progress) => {
          ingested = progress;
          const line = `Reading records: ${progress.read} read, ${progress.accepted} accepted, ${progress.rejected} rejected`;
          if (process.stderr.isTTY) process.stderr.write(`\r\x1b[2K${line}`);
          else if (progress.read - lastIngestLine >= 10_000) {
            lastIngestLine = progress.read;
            process.stderr.write(`${line}\n`);
          }
        },
        onRenderProgress: (progress) => {
          if (!renderBar) {
            process.stderr.write(
              `${process.stderr.isTTY ? '\r\x1b[2K' : ''}Reading records: ${ingested.read} read, ${ingested.accepted} accepted, ${ingested.rejected} rejected\n`,
            );
            renderBar = makeProgressBar({ label: 'Rendering', total: progress.total });
          }
          renderBar.update(
            progress.published + progress.failed + progress.current,
            progress.failed ? `(${progress.failed} failed)` : '',
          );
        },
      }),
  });
  // The files hold every personal link: writing them is an export of links.
  await auditCliAction({
    db,
    command: 'render',
    action: 'export-links',
    campaignId: campaign.id,
    detail: `${files.counts.published} link(s) written to ${files.links}`,
  });
  renderBar?.finish();
  const { counts } = files;
  options.log(
    `Campaign ${campaign.id}: read ${counts.read}, accepted ${counts.accepted}, rejected ${counts.rejected}, published ${counts.published}, failed ${counts.failed}`,
  );
  options.log(`Site (CDN origin): ${siteDirOf(path.resolve(args.out))}`);
  options.log(`Links: ${files.links}\nRejects: ${files.rejects}\nSummary: ${files.summary}`);
  if (campaign.renderMode === 'on-open') {
    // Made here, they are in the machine's segment cache when the first debtors open their pages.
    options.log("Making each language's shared intro, outro and sound ahead of the first opens…");
    await options.services.sharedSettled();
  }
  return { campaign, files };
}
