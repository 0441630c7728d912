import crypto from 'node:crypto';
import type { Queryable } from './db.ts';

const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

/** Creates an admin API key; the key itself is returned once and only its hash is stored. */
export async function createApiKey(options: { db: Queryable; name: string }): Promise<{ id: string; key: string }> {
  const id = `key_${crypto.randomBytes(6).toString('hex')}`;
  const key = `kly_${crypto.randomBytes(24).toString('base64url')}`;
  await options.db.query('insert into api_keys (id, name, hash) values ($1, $2, $3)', [id, options.name, hashKey(key)]);
  return { id, key };
}

/** The stored, unrevoked admin key this is (its id and name), or undefined. */
export async function findApiKey(options: {
  db: Queryable;
  key: string;
}): Promise<{ id: string; name: string } | undefined> {
  const { rows } = await options.db.query<{ id: string; name: string }>(
    'select id, name from api_keys where hash = $1 and revoked_at is null',
    [hashKey(options.key)],
  );
  return rows[0];
}

export async function revokeApiKey(options: { db: Queryable; id: string }): Promise<boolean> {
  const { rows } = await options.db.query(
    'update api_keys set revoked_at = now() where id = $1 and revoked_at is null returning id',
    [options.id],
  );
  return rows.length > 0;
}
