import type { Queryable } from './db.ts';
import type { RecipientState } from './recipients.ts';

/** How many recipients are in each state, over all campaigns (states without recipients are left out). */
export async function countRecipientsByStatus(options: {
  db: Queryable;
}): Promise<{ status: RecipientState['status']; count: number }[]> {
  const { rows } = await options.db.query<{ status: RecipientState['status']; count: string | number }>(
    'select status, count(*) as count from recipients group by status',
  );
  return rows.map((row) => ({ status: row.status, count: Number(row.count) }));
}
