import crypto from 'node:crypto';
import { InputError } from '../errors.ts';
import type { Role } from '../roles.ts';
import type { Queryable } from './db.ts';

export type User = { id: string; name: string; role: Role; createdAt: string; disabled: boolean };
type UserRow = { id: string; name: string; role: Role; created_at: Date | string; disabled_at: Date | string | null };

const toUser = (row: UserRow): User => ({
  id: row.id,
  name: row.name,
  role: row.role,
  createdAt: new Date(row.created_at).toISOString(),
  disabled: row.disabled_at !== null,
});

/** The user of this name, or undefined. */
export async function findUser(options: { db: Queryable; name: string }): Promise<User | undefined> {
  const { rows } = await options.db.query<UserRow>('select * from users where name = $1', [options.name]);
  return rows[0] && toUser(rows[0]);
}

/**
 * The user of this name with this role, created when new. An existing user with another role is
 * an error: a role changes on purpose, not as a side effect of making a key.
 */
export async function ensureUser(options: {
  db: Queryable;
  name: string;
  role: Role;
}): Promise<{ user: User; created: boolean }> {
  const existing = await findUser(options);
  if (existing) {
    if (existing.role !== options.role)
      throw new InputError({
        problem: `The user ${existing.name} exists with the role ${existing.role}, not ${options.role}`,
        value: options.role,
        fix: `Give --role ${existing.role} to add a key for ${existing.name}, or choose another --name for a ${options.role}`,
      });
    if (existing.disabled)
      throw new InputError({
        problem: `The user ${existing.name} is disabled`,
        value: existing.name,
        fix: 'Choose another --name',
      });
    return { user: existing, created: false };
  }
  const id = `user_${crypto.randomBytes(6).toString('hex')}`;
  const { rows } = await options.db.query<UserRow>(
    'insert into users (id, name, role) values ($1, $2, $3) returning *',
    [id, options.name, options.role],
  );
  return { user: toUser(rows[0]!), created: true };
}

/** Every user, by name. */
export async function listUsers(options: { db: Queryable }): Promise<User[]> {
  const { rows } = await options.db.query<UserRow>('select * from users order by name');
  return rows.map(toUser);
}

/** Disables a user: none of their keys is accepted from now on. Undefined when no enabled user has this name. */
export async function disableUser(options: { db: Queryable; name: string }): Promise<User | undefined> {
  const { rows } = await options.db.query<UserRow>(
    'update users set disabled_at = now() where name = $1 and disabled_at is null returning *',
    [options.name],
  );
  return rows[0] && toUser(rows[0]);
}
