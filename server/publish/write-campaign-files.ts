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
export async function writeCampaignFiles(options: { db: Db; campaign: Campaign; outDir: string }): Promise<CampaignFiles> {
  const { db, campaign } = options;
  await fsp.mkdir(options.outDir, { recursive: true });
  const files = {
    links: path.join(options.outDir, 'links.csv'),
    rejects: path.join(options.outDir, 'rejects.csv'),
    summary: path.join(options.outDir, 'campaign.json'),
  };
  await writeLines(files.links, makeLinksCsv({ db, campaign }));
  await writeLines(files.rejects, makeRejectsCsv({ db, campaignId: campaign.id }));
  const counts = await getCampaignCounts({ db, id: campaign.id });
  const summary = {
    id: campaign.id,
    template: campaign.templateId,
    templateVersion: campaign.templateVersion,
    createdAt: campaign.createdAt,
    baseUrl: campaign.baseUrl,
    counts: { read: counts.read, accepted: counts.accepted, rejected: counts.rejected, published: counts.published, failed: counts.failed },
  };
  await fsp.writeFile(files.summary, `${JSON.stringify(summary, null, 2)}\n`);
  return { ...files, counts };
}
