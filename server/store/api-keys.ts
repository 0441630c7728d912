import crypto from 'node:crypto';
import type { Role } from '../roles.ts';
import type { Queryable } from './db.ts';
import { ensureUser, type User } from './users.ts';

const hashKey = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

/**
 * Creates an API key for the user of this name and role (created when new; an existing user with
 * another role is an error). The key itself is returned once and only its hash is stored.
 */
export async function createApiKey(options: {
  db: Queryable;
  name: string;
  role: Role;
}): Promise<{ id: string; key: string; user: User; userCreated: boolean }> {
  const { user, created } = await ensureUser(options);
  const id = `key_${crypto.randomBytes(6).toString('hex')}`;
  const key = `kly_${crypto.randomBytes(24).toString('base64url')}`;
  await options.db.query('insert into api_keys (id, name, hash, user_id) values ($1, $2, $3, $4)', [
    id,
    options.name,
    hashKey(key),
    user.id,
  ]);
  return { id, key, user, userCreated: created };
}

/** A stored key as a request knows it: whose it is and what they may do. */
export type StoredKey = { id: string; name: string; userName: string; role: Role };

/** The stored, unrevoked key of an enabled user this is, or undefined. */
export async function findApiKey(options: { db: Queryable; key: string }): Promise<StoredKey | undefined> {
  const { rows } = await options.db.query<{ id: string; name: string; user_name: string; role: Role }>(
    `select k.id, k.name, u.name as user_name, u.role
     from api_keys k join users u on u.id = k.user_id
     where k.hash = $1 and k.revoked_at is null and u.disabled_at is null`,
    [hashKey(options.key)],
  );
  const row = rows[0];
  return row && { id: row.id, name: row.name, userName: row.user_name, role: row.role };
}

/** Marks a key used now, at most once a minute (one conditional update), so a busy key does not write on every request. */
export async function markApiKeyUsed(options: { db: Queryable; id: string }): Promise<void> {
  await options.db.query(
    `update api_keys set last_used_at = now()
     where id = $1 and (last_used_at is null or last_used_at < now() - interval '1 minute')`,
    [options.id],
  );
}

export async function revokeApiKey(options: { db: Queryable; id: string }): Promise<StoredKey | undefined> {
  const { rows } = await options.db.query<{ id: string; name: string; user_name: string; role: Role }>(
    `update api_keys k set revoked_at = now() from users u
     where k.id = $1 and k.revoked_at is null and u.id = k.user_id
     returning k.id, k.name, u.name as user_name, u.role`,
    [options.id],
  );
  const row = rows[0];
  return row && { id: row.id, name: row.name, userName: row.user_name, role: row.role };
}

export type ListedKey = {
  id: string;
  userName: string;
  role: Role;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
};

/** Every key, oldest first, without the key or its hash. */
export async function listApiKeys(options: { db: Queryable }): Promise<ListedKey[]> {
  const { rows } = await options.db.query<{
    id: string;
    user_name: string;
    role: Role;
    created_at: Date | string;
    last_used_at: Date | string | null;
    revoked_at: Date | string | null;
  }>(
    `select k.id, u.name as user_name, u.role, k.created_at, k.last_used_at, k.revoked_at
     from api_keys k join users u on u.id = k.user_id order by k.created_at, k.id`,
  );
  const iso = (value: Date | string | null) => (value === null ? null : new Date(value).toISOString());
  return rows.map((row) => ({
    id: row.id,
    userName: row.user_name,
    role: row.role,
    createdAt: iso(row.created_at)!,
    lastUsedAt: iso(row.last_used_at),
    revokedAt: iso(row.revoked_at),
  }));
}
