import fsp from 'node:fs/promises';
import path from 'node:path';
import { getCampaignCounts, type Campaign, type CampaignCounts } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { makeLinksCsv, makeRejectsCsv } from './campaign-csv.ts';
import { writeLines } from './write-lines.ts';

/** The operator's files for a campaign, beside (never inside) the published site. */
export type CampaignFiles = { links: string; rejects: string; summary: string; counts: CampaignCounts };

/**
 * Writes `links.csv` (id,url,hold of every published recipient, for the e-mail/SMS sender),
 * `rejects.csv` (row,field,value,reason) and `campaign.json` (the counts), streaming from the store.
 */
export async function writeCampaignFiles(options: {
  db: Db;
  campaign: Campaign;
  outDir: string;
}): Promise<CampaignFiles> {
  const { db, campaign } = options;
  return saveCampaignFiles({
    outDir: options.outDir,
    campaign,
    links: makeLinksCsv({ db, campaign }),
    rejects: makeRejectsCsv({ db, campaignId: campaign.id }),
    getCounts: () => getCampaignCounts({ db, id: campaign.id }),
  });
}

/** Writes the operator's files from any source of their text: the store, or the API of the server that holds it. */
export async function saveCampaignFiles(options: {
  outDir: string;
  campaign: Campaign;
  links: AsyncIterable<string>;
  rejects: AsyncIterable<string>;
  getCounts: () => Promise<CampaignCounts>;
}): Promise<CampaignFiles> {
  const { campaign } = options;
  await fsp.mkdir(options.outDir, { recursive: true });
  const files = {
    links: path.join(options.outDir, 'links.csv'),
    rejects: path.join(options.outDir, 'rejects.csv'),
    summary: path.join(options.outDir, 'campaign.json'),
  };
  await writeLines(files.links, options.links);
  await writeLines(files.rejects, options.rejects);
  const counts = await options.getCounts();
  const summary = {
    id: campaign.id,
    template: campaign.templateId,
    templateVersion: campaign.templateVersion,
    createdAt: campaign.createdAt,
    baseUrl: campaign.baseUrl,
    counts: {
      read: counts.read,
      accepted: counts.accepted,
      rejected: counts.rejected,
      published: counts.published,
      failed: counts.failed,
    },
  };
  await fsp.writeFile(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
  return { ...files, counts };
}
