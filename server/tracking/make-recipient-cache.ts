import type { Queryable } from '../store/db.ts';

/** What tracking needs to know about a personal link. */
export type TrackedRecipient = { campaignId: string; recordId: string; payRef: string; deliveredAt: Date | undefined };

/**
 * Looks a personal link up in the store, remembering it for `ttlMs` (a page sends several
 * events; an erased recipient's link stops counting within that time). Unknown links are not
 * remembered, so they cannot fill the cache.
 */
export function makeRecipientCache(options: { db: Queryable; ttlMs?: number; maxEntries?: number }) {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 50_000;
  const entries = new Map<string, { recipient: TrackedRecipient; expires: number }>();
  return async (token: string): Promise<TrackedRecipient | undefined> => {
    const now = Date.now();
    const hit = entries.get(token);
    if (hit && hit.expires > now) return hit.recipient;
    const { rows } = await options.db.query<{ campaign_id: string; record_id: string; pay_ref: string; delivered_at: Date | string | null }>(
      'select campaign_id, record_id, pay_ref, delivered_at from recipients where token = $1 and erased_at is null',
      [token],
    );
    const row = rows[0];
    if (!row) {
      entries.delete(token);
      return undefined;
    }
    const recipient = { campaignId: row.campaign_id, recordId: row.record_id, payRef: row.pay_ref, deliveredAt: row.delivered_at === null ? undefined : new Date(row.delivered_at) };
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(token, { recipient, expires: now + ttlMs });
    return recipient;
  };
}
