import type { Queryable } from './db.ts';

/** What tracking needs to know about a personal link. */
export type TrackedRecipient = { campaignId: string; recordId: string; payRef: string; deliveredAt: Date | undefined };

/** The link with this token, unless erased: the little tracking needs of its recipient. */
export async function findTrackedRecipient(options: {
  db: Queryable;
  token: string;
}): Promise<TrackedRecipient | undefined> {
  const { rows } = await options.db.query<{
    campaign_id: string;
    record_id: string;
    pay_ref: string;
    delivered_at: Date | string | null;
  }>('select campaign_id, record_id, pay_ref, delivered_at from recipients where token = $1 and erased_at is null', [
    options.token,
  ]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    campaignId: row.campaign_id,
    recordId: row.record_id,
    payRef: row.pay_ref,
    deliveredAt: row.delivered_at === null ? undefined : new Date(row.delivered_at),
  };
}

/**
 * Records when the operator's sender delivered these recipients' links (clicks seconds after
 * delivery without a view are then flagged). Returns the record ids the campaign has.
 */
export async function markDelivered(options: {
  db: Queryable;
  campaignId: string;
  recordIds: readonly string[];
  deliveredAt: string;
}): Promise<Set<string>> {
  const { rows } = await options.db.query<{ record_id: string }>(
    'update recipients set delivered_at = $3::timestamptz where campaign_id = $1 and record_id = any($2) returning record_id',
    [options.campaignId, options.recordIds, options.deliveredAt],
  );
  return new Set(rows.map((row) => row.record_id));
}
