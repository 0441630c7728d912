import type { Db, Queryable } from './db.ts';
import { deleteEvents } from './events.ts';
import { deletePayments } from './payments.ts';

/** The campaigns whose retention period (`retention_days` since creation) has passed by `now` and are not yet expired, oldest first. */
export async function listCampaignsToExpire(options: { db: Queryable; now: Date }): Promise<string[]> {
  const { rows } = await options.db.query<{ id: string }>(
    "select id from campaigns where expired_at is null and created_at + retention_days * interval '1 day' <= $1::timestamptz order by created_at",
    [options.now.toISOString()],
  );
  return rows.map((row) => row.id);
}

/**
 * Keeps a campaign's analytics as aggregates on the campaign and deletes its personal event data
 * (events with record ids and visitor hashes, payments per debtor), in one transaction.
 */
export async function expireCampaign(options: {
  db: Db;
  campaignId: string;
  aggregates: unknown;
  now: Date;
}): Promise<void> {
  await options.db.transaction(async (tx) => {
    await tx.query('update campaigns set aggregates = $2::jsonb, expired_at = $3::timestamptz where id = $1', [
      options.campaignId,
      JSON.stringify(options.aggregates),
      options.now.toISOString(),
    ]);
    await deleteEvents({ db: tx, campaignId: options.campaignId });
    await deletePayments({ db: tx, campaignId: options.campaignId });
  });
}

/**
 * The aggregates kept when the campaign expired, and when that was; undefined while it has not.
 * `Aggregates` is the shape the caller gave `expireCampaign`.
 */
export async function findKeptAggregates<Aggregates>(options: {
  db: Queryable;
  campaignId: string;
}): Promise<{ aggregates: Aggregates; expiredAt: string } | undefined> {
  const { rows } = await options.db.query<{ expired_at: Date | string | null; aggregates: Aggregates | null }>(
    'select expired_at, aggregates from campaigns where id = $1',
    [options.campaignId],
  );
  const row = rows[0];
  if (!row?.expired_at || !row.aggregates) return undefined;
  return { aggregates: row.aggregates, expiredAt: new Date(row.expired_at).toISOString() };
}
