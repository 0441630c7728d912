import crypto from 'node:crypto';
import type { Queryable } from './db.ts';

/**
 * The day's random salt for visitor hashes (`YYYY-MM-DD`), made by whichever process asks first:
 * every process on the database gets the same one.
 */
export async function takeDailySalt(options: { db: Queryable; day: string }): Promise<string> {
  await options.db.query('insert into visitor_salts (day, salt) values ($1, $2) on conflict (day) do nothing', [
    options.day,
    crypto.randomBytes(32).toString('base64'),
  ]);
  const { rows } = await options.db.query<{ salt: string }>('select salt from visitor_salts where day = $1', [
    options.day,
  ]);
  return rows[0]!.salt;
}

/** Deletes the salts of days before yesterday: older visitor hashes can no longer be linked to an address. */
export async function deleteOldSalts(options: { db: Queryable; now?: Date }): Promise<void> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
  await options.db.query('delete from visitor_salts where day < $1', [cutoff]);
}
