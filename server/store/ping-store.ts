import type { Queryable } from './db.ts';

/** Asks the store the smallest question there is: it throws when the database does not answer. */
export async function pingStore(options: { db: Queryable }): Promise<void> {
  await options.db.query('select 1');
}
