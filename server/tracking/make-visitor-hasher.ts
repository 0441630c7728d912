import crypto from 'node:crypto';
import type { Queryable } from '../store/db.ts';

/**
 * Counts unique visitors without keeping addresses: the hash of (today's random salt, address,
 * user agent). Salts live one per day in the store, shared by every API process, and are
 * deleted after two days, so yesterday's hashes can no longer be linked to an address.
 */
export function makeVisitorHasher(options: { db: Queryable; now?: () => Date }) {
  const now = options.now ?? (() => new Date());
  let current: { day: string; salt: Promise<string> } | undefined;
  const saltFor = (day: string) => {
    if (current?.day !== day) {
      const salt = fetchSalt({ db: options.db, day });
      current = { day, salt };
      // A store hiccup must not pin a failed salt for the whole day.
      salt.catch(() => (current = undefined));
    }
    return current.salt;
  };
  return async (options: { address: string; userAgent: string | undefined }): Promise<string> => {
    const salt = await saltFor(now().toISOString().slice(0, 10));
    return crypto.createHmac('sha256', salt).update(`${options.address}\n${options.userAgent ?? ''}`).digest('base64url').slice(0, 22);
  };
}

async function fetchSalt(options: { db: Queryable; day: string }): Promise<string> {
  await options.db.query('insert into visitor_salts (day, salt) values ($1, $2) on conflict (day) do nothing', [options.day, crypto.randomBytes(32).toString('base64')]);
  const { rows } = await options.db.query<{ salt: string }>('select salt from visitor_salts where day = $1', [options.day]);
  return rows[0]!.salt;
}

/** Deletes the salts of days before yesterday. */
export async function deleteOldSalts(options: { db: Queryable; now?: Date }): Promise<void> {
  const cutoff = new Date((options.now ?? new Date()).getTime() - 2 * 86_400_000).toISOString().slice(0, 10);
  await options.db.query('delete from visitor_salts where day < $1', [cutoff]);
}
