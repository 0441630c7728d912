import type { Queryable } from '../store/db.ts';
import { listWatchedReports } from '../store/watched-reports.ts';

/** Of the recipients who watched, how many watched each second of the video. */
export type RetentionCurve = { viewers: number; seconds: number[] };

/** The seconds set in a watched-seconds bitmap (base64; bit s of byte s>>3 for second s). */
export function readWatchedSeconds(bitmap: unknown, limit = 3600): number[] {
  if (typeof bitmap !== 'string' || !/^[A-Za-z0-9+/=_-]*$/.test(bitmap)) return [];
  const bytes = Buffer.from(bitmap, 'base64');
  const seconds: number[] = [];
  for (let second = 0; second < Math.min(bytes.length * 8, limit); second += 1)
    if ((bytes[second >> 3]! >> (second & 7)) & 1) seconds.push(second);
  return seconds;
}

/**
 * The retention curve: per second of the video, how many recipients actually watched it (the
 * union of every `watched` report of each recipient, so seeking past a part does not count it).
 */
export async function getRetention(options: {
  db: Queryable;
  campaignId: string;
  variant?: string;
}): Promise<RetentionCurve> {
  const reports = await listWatchedReports(options);
  const watched = new Map<string, Set<number>>();
  let length = 0;
  for (const report of reports) {
    const seconds = readWatchedSeconds(report.seconds);
    const duration = Number(report.duration);
    if (Number.isFinite(duration) && duration > 0) length = Math.max(length, Math.min(3600, Math.ceil(duration)));
    const set = watched.get(report.recordId) ?? new Set<number>();
    for (const second of seconds) set.add(second);
    watched.set(report.recordId, set);
  }
  const curve = new Array<number>(length).fill(0);
  for (const set of watched.values()) for (const second of set) if (second < length) curve[second]! += 1;
  return { viewers: [...watched.values()].filter((set) => set.size > 0).length, seconds: curve };
}
