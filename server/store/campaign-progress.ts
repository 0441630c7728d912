import { getCampaignCounts, type CampaignCounts } from './campaigns.ts';
import type { Queryable } from './db.ts';
import { countOpenRenders, type OpenRenderCounts } from './open-renders.ts';

/**
 * Counts per state, the render rate of the last ten minutes and the time left at that rate; and,
 * for a campaign rendering on open, the pages opened, the videos rendered for them and how long they took.
 */
export type CampaignProgress = CampaignCounts & {
  percent: number;
  perMinute: number;
  etaSeconds: number | null;
  onOpen: OpenRenderCounts;
};

export async function getCampaignProgress(options: { db: Queryable; id: string }): Promise<CampaignProgress> {
  const counts = await getCampaignCounts(options);
  const { rows } = await options.db.query<{ recent: string | number; since: Date | string | null }>(
    `select count(*) as recent, min(updated_at) as since from recipients
     where campaign_id = $1 and status in ('published', 'failed') and updated_at > now() - interval '10 minutes'`,
    [options.id],
  );
  const recent = Number(rows[0]?.recent ?? 0);
  const since = rows[0]?.since ? new Date(rows[0].since).getTime() : Date.now();
  const minutes = Math.max(1 / 60, (Date.now() - since) / 60_000);
  const perMinute = recent / minutes;
  const remaining = counts.queued + counts.rendering;
  const finished = counts.published + counts.failed;
  return {
    ...counts,
    percent: counts.accepted === 0 ? 0 : Math.floor((finished / counts.accepted) * 100),
    perMinute: Math.round(perMinute * 100) / 100,
    etaSeconds: remaining === 0 ? 0 : perMinute > 0 ? Math.round((remaining / perMinute) * 60) : null,
    onOpen: await countOpenRenders({ db: options.db, campaignId: options.id }),
  };
}
