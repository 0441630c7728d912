import type { Db } from '../store/db.ts';
import { getAnalytics } from './get-analytics.ts';
import { deleteOldSalts } from './make-visitor-hasher.ts';

/**
 * Applies each campaign's retention period: once `retention_days` have passed since it was
 * created, its analytics are kept as aggregates on the campaign and its personal event data
 * (events with record ids and visitor hashes, payments per debtor) is deleted. Old visitor
 * salts go too. Returns the campaigns expired now.
 */
export async function expireEventData(options: { db: Db; now?: Date }): Promise<string[]> {
  const { db } = options;
  const now = options.now ?? new Date();
  await deleteOldSalts({ db, now });
  const { rows } = await db.query<{ id: string }>(
    "select id from campaigns where expired_at is null and created_at + retention_days * interval '1 day' <= $1::timestamptz order by created_at",
    [now.toISOString()],
  );
  for (const { id } of rows) {
    const analytics = await getAnalytics({ db, campaignId: id });
    await db.transaction(async (tx) => {
      await tx.query('update campaigns set aggregates = $2::jsonb, expired_at = $3::timestamptz where id = $1', [id, JSON.stringify(analytics), now.toISOString()]);
      await tx.query('delete from events where campaign_id = $1', [id]);
      await tx.query('delete from payments where campaign_id = $1', [id]);
    });
  }
  return rows.map((row) => row.id);
}
