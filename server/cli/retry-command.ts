import path from 'node:path';
import type { Config } from '../config.ts';
import { InputError } from '../errors.ts';
import { renderCampaign } from '../jobs/render-campaign.ts';
import { openPublisher } from '../publish/open-publisher.ts';
import { writeCampaignFiles } from '../publish/write-campaign-files.ts';
import { siteDirOf } from '../run-campaign.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { requeueRecipients } from '../store/recipients.ts';
import { makeProgressBar, type ProgressBar } from './progress-bar.ts';

/** `kindly retry <campaign>`: queues the retryable failures again, renders them here and rewrites the operator's files. */
export async function retryCommand(options: { campaignId: string; out: string; config: Config; db: Db; log: (line: string) => void }) {
  const { db, config } = options;
  if (config.redisUrl) {
    throw new InputError({ problem: 'With REDIS_URL set, the workers render', fix: `Retry through the API: POST /api/campaigns/${options.campaignId}/retry` });
  }
  const campaign = await getCampaign({ db, id: options.campaignId });
  const requeued = await requeueRecipients({ db, campaignId: campaign.id, statuses: ['failed'] });
  options.log(`Retrying ${requeued} failed recipient(s) of ${campaign.id}`);
  let bar: ProgressBar | undefined;
  await renderCampaign({
    db,
    campaign,
    publisher: openPublisher({ config, localRoot: siteDirOf(path.resolve(options.out)) }),
    dataDir: config.dataDir,
    browserExecutable: config.browserExecutable,
    frameConcurrency: config.renderConcurrency,
    attempts: config.jobAttempts,
    onProgress: (progress) => {
      bar ??= makeProgressBar({ label: 'Rendering', total: progress.total });
      bar.update(progress.published + progress.failed + progress.current);
    },
  });
  bar?.finish();
  const files = await writeCampaignFiles({ db, campaign, outDir: path.resolve(options.out) });
  options.log(`Published ${files.counts.published}, failed ${files.counts.failed}. Links: ${files.links}`);
  return files;
}
