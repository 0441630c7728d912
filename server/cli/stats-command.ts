import { getStats, type CampaignStats } from '../tracking/get-stats.ts';
import { printStats } from './print-stats.ts';
import { requestStoreServer } from './request-store-server.ts';
import type { CampaignStore } from './with-campaign-store.ts';

/** `kindly stats <campaign>`: counts and funnel, as a table or JSON, from the store or the server holding it. */
export async function statsCommand(options: {
  campaignId: string;
  json: boolean;
  store: CampaignStore;
  log: (line: string) => void;
}) {
  const { store } = options;
  const stats =
    store.kind === 'store'
      ? await getStats({ db: store.db, campaignId: options.campaignId })
      : ((await (
          await requestStoreServer({
            server: store.server,
            path: `/api/campaigns/${encodeURIComponent(options.campaignId)}/stats`,
          })
        ).json()) as CampaignStats);
  options.log(options.json ? JSON.stringify(stats, null, 2) : printStats(stats));
  return stats;
}
