import path from 'node:path';
import { Readable } from 'node:stream';
import type { ReadableStream as WebReadableStream } from 'node:stream/web';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Config } from '../config.ts';
import { renderCampaignHere } from '../campaigns/render-campaign-here.ts';
import { InputError } from '../errors.ts';
import type { Services } from '../open-services.ts';
import { saveCampaignFiles, writeCampaignFiles, type CampaignFiles } from '../publish/write-campaign-files.ts';
import type { CampaignProgress } from '../store/campaign-progress.ts';
import { getCampaign, type Campaign } from '../store/campaigns.ts';
import { withCliAudit } from './audit-cli-action.ts';
import type { StoreServer } from './find-store-server.ts';
import { makeProgressBar, type ProgressBar } from './progress-bar.ts';
import { requestStoreServer } from './request-store-server.ts';
import type { CampaignStore } from './with-campaign-store.ts';

/** Queues the failures again and renders them in this process. */
async function retryHere(options: {
  campaignId: string;
  out: string;
  config: Config;
  services: Services | undefined;
  log: (line: string) => void;
}): Promise<CampaignFiles> {
  const { services, config } = options;
  if (config.redisUrl || !services) {
    throw new InputError({
      problem: 'With REDIS_URL set, the workers render',
      fix: `Retry through the API: POST /api/campaigns/${options.campaignId}/retry`,
    });
  }
  const { db } = services;
  const campaign = await getCampaign({ db, id: options.campaignId });
  let bar: ProgressBar | undefined;
  const audited = { db, command: 'retry', campaignId: campaign.id };
  await withCliAudit({
    ...audited,
    action: 'campaign-retry',
    work: () =>
      renderCampaignHere({
        db,
        runner: services.runner,
        id: campaign.id,
        action: 'retry',
        onStarted: ({ requeued }) => options.log(`Retrying ${requeued} failed recipient(s) of ${campaign.id}`),
        onProgress: (progress) => {
          bar ??= makeProgressBar({ label: 'Rendering', total: progress.total });
          bar.update(progress.published + progress.failed + progress.current);
        },
      }),
  });
  bar?.finish();
  return withCliAudit({
    ...audited,
    action: 'export-links',
    describe: (files) => ({ detail: `${files.counts.published} link(s) written to ${files.links}` }),
    work: () => writeCampaignFiles({ db, campaign, outDir: path.resolve(options.out) }),
  });
}

/** Asks the server holding the store to retry (it renders and publishes), follows it to the end, then fetches the files. */
async function retryThroughServer(options: {
  campaignId: string;
  out: string;
  server: StoreServer;
  log: (line: string) => void;
}): Promise<CampaignFiles> {
  const { server } = options;
  const base = `/api/campaigns/${encodeURIComponent(options.campaignId)}`;
  const call = async (url: string, method: 'GET' | 'POST' = 'GET') => requestStoreServer({ server, path: url, method });
  const text = async (url: string) =>
    Readable.fromWeb((await call(url)).body as WebReadableStream<Uint8Array>).setEncoding('utf8');
  const { requeued } = (await (await call(`${base}/retry`, 'POST')).json()) as { requeued: number };
  options.log(
    `Retrying ${requeued} failed recipient(s) of ${options.campaignId} in pid ${server.pid} (${server.command}), which renders and publishes them`,
  );
  let bar: ProgressBar | undefined;
  let campaign: Campaign & { progress: CampaignProgress };
  for (;;) {
    campaign = (await (await call(base)).json()) as typeof campaign;
    const left = campaign.progress.queued + campaign.progress.rendering;
    if (requeued > 0) {
      bar ??= makeProgressBar({ label: 'Rendering', total: requeued });
      bar.update(Math.max(0, requeued - left));
    }
    // The server marks the campaign done when its run ends; between attempts a recipient shows as failed.
    if (campaign.status !== 'rendering') break;
    await sleep(1000);
  }
  bar?.finish();
  const { progress } = campaign;
  return saveCampaignFiles({
    outDir: path.resolve(options.out),
    campaign,
    links: await text(`${base}/links.csv`),
    rejects: await text(`${base}/rejects.csv`),
    getCounts: async () => progress,
  });
}

/**
 * `kindly retry <campaign>`: queues the retryable failures again and renders them here, or has the
 * local server that holds the store do it, then rewrites the operator's files.
 */
export async function retryCommand(options: {
  campaignId: string;
  out: string;
  config: Config;
  store: CampaignStore;
  log: (line: string) => void;
}): Promise<CampaignFiles> {
  const { store } = options;
  const files =
    store.kind === 'store'
      ? await retryHere({ ...options, services: store.services })
      : await retryThroughServer({ ...options, server: store.server });
  options.log(`Published ${files.counts.published}, failed ${files.counts.failed}. Links: ${files.links}`);
  return files;
}
