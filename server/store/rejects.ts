import type { Queryable } from './db.ts';

/** One reason a record was refused: the row it came from, the field, the value and why. */
export type RejectRow = { row: number; field: string; value: string; reason: string };

export async function insertRejects(options: { db: Queryable; campaignId: string; rejects: readonly RejectRow[] }): Promise<void> {
  if (options.rejects.length === 0) return;
  const params: unknown[] = [];
  const values = options.rejects.map((reject, index) => {
    params.push(options.campaignId, reject.row, reject.field, reject.value, reject.reason);
    const at = index * 5;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`;
  });
  await options.db.query(`insert into rejects (campaign_id, row_number, field, value, reason) values ${values.join(', ')}`, params);
}

/** A page of a campaign's rejects, in file order. */
export async function listRejects(options: { db: Queryable; campaignId: string; offset: number; limit: number }): Promise<RejectRow[]> {
  const { rows } = await options.db.query<{ row_number: number; field: string; value: string; reason: string }>(
    'select row_number, field, value, reason from rejects where campaign_id = $1 order by row_number, field offset $2 limit $3',
    [options.campaignId, options.offset, options.limit],
  );
  return rows.map((row) => ({ row: row.row_number, field: row.field, value: row.value, reason: row.reason }));
}
