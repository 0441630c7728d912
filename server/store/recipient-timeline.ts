import type { Queryable } from './db.ts';
import type { RecipientState } from './recipients.ts';

/** A recipient found by the creditor's record id, in one campaign. */
export type RecipientMatch = { campaignId: string; recordId: string; status: RecipientState['status'] };

/**
 * The recipients with exactly this record id, across campaigns, newest campaign first, at most
 * `limit`. Erased recipients no longer carry the creditor's id, so they are never found by it.
 */
export async function findRecipientsByRecordId(options: {
  db: Queryable;
  recordId: string;
  limit: number;
}): Promise<RecipientMatch[]> {
  const { rows } = await options.db.query<{
    campaign_id: string;
    record_id: string;
    status: RecipientState['status'];
  }>(
    `select r.campaign_id, r.record_id, r.status from recipients r join campaigns c on c.id = r.campaign_id
     where r.record_id = $1 and r.erased_at is null order by c.created_at desc, r.campaign_id limit $2`,
    [options.recordId, options.limit],
  );
  return rows.map((row) => ({ campaignId: row.campaign_id, recordId: row.record_id, status: row.status }));
}

/** One stored event of a recipient: what, when, and why it was not counted (null when it was). */
export type TimelineEvent = { type: string; at: string; flagged: string | null };

/**
 * A recipient's events, counted and flagged alike, in the order they happened: the latest
 * `limit` of them, and whether older ones were left out.
 */
export async function listRecipientEvents(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
  limit: number;
}): Promise<{ events: TimelineEvent[]; more: boolean }> {
  const { rows } = await options.db.query<{ type: string; created_at: Date | string; flagged: string | null }>(
    `select type, created_at, flagged from events where campaign_id = $1 and record_id = $2
     order by created_at desc, id desc limit $3`,
    [options.campaignId, options.recordId, options.limit + 1],
  );
  const events = rows.slice(0, options.limit).map((row) => ({
    type: row.type,
    at: new Date(row.created_at).toISOString(),
    flagged: row.flagged,
  }));
  return { events: events.reverse(), more: rows.length > options.limit };
}
