import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { findApiKey, listApiKeys } from '../server/store/api-keys.ts';
import { listAuditEntries } from '../server/store/audit-entries.ts';
import { openStore } from '../server/store/open-store.ts';
import { runCli } from './helpers/run-cli.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

// `kindly keys create|list|revoke` with named users and roles, as real processes on an embedded store.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let dataDir: string;
const cli = (args: string[]) =>
  runCli({
    args,
    env: { KINDLY_DATA_DIR: dataDir, KINDLY_API_KEY: '', KINDLY_LOG_LEVEL: 'silent' },
    timeoutMs: 120_000,
  });

beforeAll(async () => {
  temp = await makeTempDir('cli-keys-roles');
  dataDir = path.join(temp.dir, 'data');
});
afterAll(async () => {
  await temp?.remove();
});

describe('kindly keys with users and roles', { timeout: 300_000 }, () => {
  it('needs a role, keeps a user to theirs, lists keys without them, revokes, and audits each change', async () => {
    const withoutRole = await cli(['keys', 'create', '--name', 'ana']);
    expect(withoutRole.code).toBe(1);
    expect(withoutRole.stderr).toContain("required option '--role <role>' not specified");

    const created = await cli(['keys', 'create', '--name', 'ana', '--role', 'analyst']);
    expect(created.code).toBe(0);
    const id = /^Created API key (key_[0-9a-f]{12}) \(ana, analyst, a new user\)\./.exec(created.stdout)?.[1];
    expect(id).toBeDefined();
    const key = created.stdout.split('\n')[1]!;

    const mismatch = await cli(['keys', 'create', '--name', 'ana', '--role', 'operator']);
    expect(mismatch.code).toBe(1);
    expect(mismatch.stderr).toContain(
      'kindly: The user ana exists with the role analyst, not operator (got "operator"). Give --role analyst to add a key for ana, or choose another --name for a operator',
    );

    const second = await cli(['keys', 'create', '--name', 'ana', '--role', 'analyst']);
    expect(second.stdout).toMatch(/^Created API key key_[0-9a-f]{12} \(ana, analyst\)\./);
    const disabled = await cli(['users', 'disable', 'ana']);
    expect(disabled.stdout).toBe('Disabled ana: none of their keys is accepted any more\n');
    expect((await cli(['users', 'list'])).stdout).toMatch(/^ana\tanalyst\t\S+\tdisabled\n$/);
    const secondKey = second.stdout.split('\n')[1]!;

    const revoked = await cli(['keys', 'revoke', id!]);
    expect(revoked.stdout).toBe(`Revoked ${id}\n`);

    const listed = await cli(['keys', 'list', '--json']);
    expect(listed.code).toBe(0);
    const keys = JSON.parse(listed.stdout) as { id: string }[];
    expect(keys).toEqual([
      expect.objectContaining({
        id,
        userName: 'ana',
        role: 'analyst',
        lastUsedAt: null,
        revokedAt: expect.any(String),
      }),
      expect.objectContaining({ userName: 'ana', role: 'analyst', revokedAt: null }),
    ]);
    expect(listed.stdout).not.toContain(key);
    expect(listed.stdout).not.toContain(secondKey);
    const table = await cli(['keys', 'list']);
    expect(table.stdout).toMatch(
      new RegExp(
        `^id +user +role +created +last used +revoked\\n${id} +ana +analyst +\\S+ +- +\\S+\\n${keys[1]!.id} +ana +analyst +\\S+ +- +-\\n$`,
      ),
    );

    const db = await openStore({ config: loadConfig({ KINDLY_DATA_DIR: dataDir }) });
    try {
      // A disabled user's keys are refused, revoked or not.
      expect(await findApiKey({ db, key: secondKey })).toBeUndefined();
      const { entries } = await listAuditEntries({ db, filter: {}, limit: 10 });
      expect(entries.map(({ action, detail }) => `${action}: ${detail}`)).toEqual([
        `key-revoke: ${id} of ana (analyst)`,
        expect.stringMatching(/^user-disable: user_[0-9a-f]{12} ana \(analyst\)$/),
        `key-create: ${keys[1]!.id} for ana (analyst)`,
        `key-create: ${id} for ana (analyst)`,
        expect.stringMatching(/^user-create: user_[0-9a-f]{12} ana \(analyst\)$/),
      ]);
      for (const entry of entries) expect(entry).toMatchObject({ role: 'admin', address: 'local', outcome: 'done' });
      expect(entries[0]!.userName).toMatch(/.+@.+/);
      // A revocation whose audit entry cannot be written does not happen.
      await db.exec('alter table audit_entries rename to audit_entries_away');
    } finally {
      await db.close();
    }
    const unrecorded = await cli(['keys', 'revoke', keys[1]!.id]);
    expect(unrecorded.code).toBe(1);
    const reopened = await openStore({ config: loadConfig({ KINDLY_DATA_DIR: dataDir }) });
    try {
      await reopened.exec('alter table audit_entries_away rename to audit_entries');
      expect((await listApiKeys({ db: reopened })).find((listedKey) => listedKey.id === keys[1]!.id)).toMatchObject({
        revokedAt: null,
      });
    } finally {
      await reopened.close();
    }
  });
});
