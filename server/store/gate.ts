import crypto from 'node:crypto';
import type { Queryable } from './db.ts';

/**
 * The server's half of a gated page's key, made once per link (a re-render keeps it, so a
 * page published again still opens with the same answer).
 */
export async function ensureGateShare(options: { db: Queryable; token: string }): Promise<string> {
  await options.db.query('insert into gate_shares (token, share) values ($1, $2) on conflict (token) do nothing', [
    options.token,
    crypto.randomBytes(24).toString('base64url'),
  ]);
  const share = await findGateShare(options);
  if (!share) throw new Error('gate share was not stored');
  return share;
}

export async function findGateShare(options: { db: Queryable; token: string }): Promise<string | undefined> {
  const { rows } = await options.db.query<{ share: string }>('select share from gate_shares where token = $1', [
    options.token,
  ]);
  return rows[0]?.share;
}

/** Wrong answers at a link's gate within the last `windowSeconds`. */
export async function countGateFailures(options: {
  db: Queryable;
  token: string;
  windowSeconds: number;
}): Promise<number> {
  const { rows } = await options.db.query<{ count: string | number }>(
    "select count(*) as count from gate_attempts where token = $1 and not passed and created_at > now() - ($2::text || ' seconds')::interval",
    [options.token, String(options.windowSeconds)],
  );
  return Number(rows[0]?.count ?? 0);
}

export async function recordGateAttempt(options: { db: Queryable; token: string; passed: boolean }): Promise<void> {
  await options.db.query('insert into gate_attempts (token, passed) values ($1, $2)', [options.token, options.passed]);
}
