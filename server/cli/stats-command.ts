import type { Db } from '../store/db.ts';
import { getStats } from '../tracking/get-stats.ts';
import { printStats } from './print-stats.ts';

/** `kindly stats <campaign>`: counts and funnel, as a table or JSON. */
export async function statsCommand(options: { campaignId: string; json: boolean; db: Db; log: (line: string) => void }) {
  const stats = await getStats({ db: options.db, campaignId: options.campaignId });
  options.log(options.json ? JSON.stringify(stats, null, 2) : printStats(stats));
  return stats;
}
