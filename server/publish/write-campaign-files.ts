import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';
import { once } from 'node:events';
import { getCampaignCounts, type Campaign, type CampaignCounts } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { listRecipients } from '../store/recipients.ts';
import { listRejects } from '../store/rejects.ts';
import { makeRecipientUrl } from './publish-recipient.ts';
import { toCsvLine } from './to-csv-line.ts';

/** The operator's files for a campaign, beside (never inside) the published site. */
export type CampaignFiles = { links: string; rejects: string; summary: string; counts: CampaignCounts };

/**
 * Writes `links.csv` (id,url of every published recipient, for the e-mail/SMS sender),
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
  await writeLines(files.links, toCsvLine(['id', 'url']), async function* () {
    let afterRow = 0;
    for (;;) {
      const page = await listRecipients({ db, campaignId: campaign.id, statuses: ['published'], afterRow, limit: 1000 });
      if (page.length === 0) return;
      for (const recipient of page) yield toCsvLine([recipient.recordId, makeRecipientUrl({ baseUrl: campaign.baseUrl, token: recipient.token })]);
      afterRow = page[page.length - 1]?.row ?? afterRow;
    }
  });
  await writeLines(files.rejects, toCsvLine(['row', 'field', 'value', 'reason']), async function* () {
    for (let offset = 0; ; offset += 1000) {
      const page = await listRejects({ db, campaignId: campaign.id, offset, limit: 1000 });
      if (page.length === 0) return;
      for (const reject of page) yield toCsvLine([reject.row, reject.field, reject.value, reject.reason]);
    }
  });
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

async function writeLines(file: string, header: string, lines: () => AsyncGenerator<string>): Promise<void> {
  const stream = fs.createWriteStream(file);
  stream.write(header);
  for await (const line of lines()) {
    if (!stream.write(line)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}
