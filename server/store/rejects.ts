import type { Queryable } from './db.ts';

/** One reason a record was refused: the row it came from, the field, the value and why. */
export type RejectRow = { row: number; field: string; value: string; reason: string };

export async function insertRejects(options: {
  db: Queryable;
  campaignId: string;
  rejects: readonly RejectRow[];
}): Promise<void> {
  if (options.rejects.length === 0) return;
  const params: unknown[] = [];
  const values = options.rejects.map((reject, index) => {
    params.push(options.campaignId, reject.row, reject.field, reject.value, reject.reason);
    const at = index * 5;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5})`;
  });
  await options.db.query(
    `insert into rejects (campaign_id, row_number, field, value, reason) values ${values.join(', ')}`,
    params,
  );
}

/** A page of a campaign's rejects, in the order they were stored (keyset on their id). */
export async function listRejects(options: {
  db: Queryable;
  campaignId: string;
  afterId?: number;
  limit: number;
}): Promise<(RejectRow & { id: number })[]> {
  const { rows } = await options.db.query<{
    id: string | number;
    row_number: number;
    field: string;
    value: string;
    reason: string;
  }>(
    'select id, row_number, field, value, reason from rejects where campaign_id = $1 and id > $2 order by id limit $3',
    [options.campaignId, options.afterId ?? 0, options.limit],
  );
  return rows.map((row) => ({
    id: Number(row.id),
    row: row.row_number,
    field: row.field,
    value: row.value,
    reason: row.reason,
  }));
}
