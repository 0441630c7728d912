import type { Queryable } from '../store/db.ts';

/** Of the recipients who watched, how many watched each second of the video. */
export type RetentionCurve = { viewers: number; seconds: number[] };

/** The seconds set in a watched-seconds bitmap (base64; bit s of byte s>>3 for second s). */
export function readWatchedSeconds(bitmap: unknown, limit = 3600): number[] {
  if (typeof bitmap !== 'string' || !/^[A-Za-z0-9+/=_-]*$/.test(bitmap)) return [];
  const bytes = Buffer.from(bitmap, 'base64');
  const seconds: number[] = [];
  for (let second = 0; second < Math.min(bytes.length * 8, limit); second += 1) if ((bytes[second >> 3]! >> (second & 7)) & 1) seconds.push(second);
  return seconds;
}

/**
 * The retention curve: per second of the video, how many recipients actually watched it (the
 * union of every `watched` report of each recipient, so seeking past a part does not count it).
 */
export async function getRetention(options: { db: Queryable; campaignId: string; variant?: string }): Promise<RetentionCurve> {
  const { rows } = await options.db.query<{ record_id: string; detail: { seconds?: unknown; duration?: unknown } | null }>(
    `select e.record_id, e.detail from events e
     join recipients r on r.campaign_id = e.campaign_id and r.record_id = e.record_id
     where e.campaign_id = $1 and e.type = 'watched' and e.flagged is null and ($2::text is null or coalesce(r.variant, '') = $2)`,
    [options.campaignId, options.variant ?? null],
  );
  const watched = new Map<string, Set<number>>();
  let length = 0;
  for (const row of rows) {
    const seconds = readWatchedSeconds(row.detail?.seconds);
    const duration = Number(row.detail?.duration);
    if (Number.isFinite(duration) && duration > 0) length = Math.max(length, Math.min(3600, Math.ceil(duration)));
    const set = watched.get(row.record_id) ?? new Set<number>();
    for (const second of seconds) set.add(second);
    watched.set(row.record_id, set);
  }
  const curve = new Array<number>(length).fill(0);
  for (const set of watched.values()) for (const second of set) if (second < length) curve[second]! += 1;
  return { viewers: [...watched.values()].filter((set) => set.size > 0).length, seconds: curve };
}
