import type { Queryable } from './db.ts';

/** One counted `watched` event: the seconds-watched bitmap and the video's length as the page reported them (unchecked). */
export type WatchedReport = { recordId: string; seconds: unknown; duration: unknown };

/** A campaign's counted `watched` reports, of one variant's recipients when `variant` is given (`''`: those without one). */
export async function listWatchedReports(options: {
  db: Queryable;
  campaignId: string;
  variant?: string;
}): Promise<WatchedReport[]> {
  const { rows } = await options.db.query<{
    record_id: string;
    detail: { seconds?: unknown; duration?: unknown } | null;
  }>(
    `select e.record_id, e.detail from events e
     join recipients r on r.campaign_id = e.campaign_id and r.record_id = e.record_id
     where e.campaign_id = $1 and e.type = 'watched' and e.flagged is null and ($2::text is null or coalesce(r.variant, '') = $2)`,
    [options.campaignId, options.variant ?? null],
  );
  return rows.map((row) => ({ recordId: row.record_id, seconds: row.detail?.seconds, duration: row.detail?.duration }));
}
