import crypto from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findApiKey } from '../server/store/api-keys.ts';
import type { Db } from '../server/store/db.ts';
import { migrate } from '../server/store/migrate.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// A store from before users and roles: its keys, made with `kindly keys create --name`, keep working as admins.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
const hash = (key: string) => crypto.createHash('sha256').update(key).digest('hex');

beforeAll(async () => {
  temp = await makeTempDir('users-migration');
  db = await openEmbeddedStore({ dataDir: temp.dir });
  // Back to the schema before 011: no users, no audit log, keys with a name only.
  await db.exec(`
    drop table audit_entries;
    alter table api_keys drop column user_id;
    alter table api_keys drop column last_used_at;
    drop table users;
    delete from schema_migrations where version in ('011-users-and-roles', '012-audit-log');
  `);
  for (const [id, name, key] of [
    ['key_old1', 'ops', 'kly_old-one'],
    ['key_old2', 'ops', 'kly_old-two'],
    ['key_old3', 'ci', 'kly_old-three'],
  ])
    await db.query('insert into api_keys (id, name, hash) values ($1, $2, $3)', [id, name, hash(key!)]);
});

afterAll(async () => {
  await db?.close();
  await temp?.remove();
});

describe('the users and roles migration', () => {
  it('makes one admin user per key name and gives them their keys, which keep working', async () => {
    expect(await migrate({ db })).toEqual(['011-users-and-roles', '012-audit-log']);
    const { rows } = await db.query<{ name: string; role: string }>('select name, role from users order by name');
    expect(rows).toEqual([
      { name: 'ci', role: 'admin' },
      { name: 'ops', role: 'admin' },
    ]);
    expect(await findApiKey({ db, key: 'kly_old-two' })).toEqual({
      id: 'key_old2',
      name: 'ops',
      userName: 'ops',
      role: 'admin',
    });
    expect(await findApiKey({ db, key: 'kly_old-three' })).toMatchObject({ userName: 'ci', role: 'admin' });
  });
});
