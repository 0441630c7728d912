import crypto from 'node:crypto';
import type { Queryable } from '../store/db.ts';
import { takeDailySalt } from '../store/visitor-salts.ts';

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
      const salt = takeDailySalt({ db: options.db, day });
      current = { day, salt };
      // A store hiccup must not pin a failed salt for the whole day.
      salt.catch(() => (current = undefined));
    }
    return current.salt;
  };
  return async (options: { address: string; userAgent: string | undefined }): Promise<string> => {
    const salt = await saltFor(now().toISOString().slice(0, 10));
    return crypto
      .createHmac('sha256', salt)
      .update(`${options.address}\n${options.userAgent ?? ''}`)
      .digest('base64url')
      .slice(0, 22);
  };
}
