import { NotFoundError } from '../errors.ts';
import type { Role } from '../roles.ts';
import { createApiKey, listApiKeys, revokeApiKey } from '../store/api-keys.ts';
import type { Db, Queryable } from '../store/db.ts';
import { auditCliAction } from './audit-cli-action.ts';

/** The audit entry of a key or user change made with the CLI. */
export const auditKeyChange = (options: { db: Queryable; action: string; detail: string }) =>
  auditCliAction({ ...options, command: 'keys' });

/** `kindly keys create --name <user> --role <role>`: a new API key for that user (made when new), shown once (only its hash is stored). */
export async function createKeyCommand(options: { db: Db; name: string; role: Role; log: (line: string) => void }) {
  const { id, key, userCreated } = await options.db.transaction(async (tx) => {
    const created = await createApiKey({ db: tx, name: options.name, role: options.role });
    const who = `${options.name} (${options.role})`;
    if (created.userCreated)
      await auditKeyChange({ db: tx, action: 'user-create', detail: `${created.user.id} ${who}` });
    await auditKeyChange({ db: tx, action: 'key-create', detail: `${created.id} for ${who}` });
    return created;
  });
  options.log(
    `Created API key ${id} (${options.name}, ${options.role}${userCreated ? ', a new user' : ''}). It is shown only now:\n${key}\nUse it as: Authorization: Bearer ${key}`,
  );
}

/** `kindly keys revoke <id>`. */
export async function revokeKeyCommand(options: { db: Db; id: string; log: (line: string) => void }) {
  // The key and its audit entry change together: a revocation is never unrecorded.
  await options.db.transaction(async (tx) => {
    const revoked = await revokeApiKey({ db: tx, id: options.id });
    if (!revoked) {
      throw new NotFoundError({
        problem: 'No active API key has this id',
        value: options.id,
        fix: 'Use an id printed by `kindly keys list` that is not revoked',
      });
    }
    await auditKeyChange({
      db: tx,
      action: 'key-revoke',
      detail: `${revoked.id} of ${revoked.userName} (${revoked.role})`,
    });
  });
  options.log(`Revoked ${options.id}`);
}

/** `kindly keys list`: every key with its user, role and dates; never the key. */
export async function listKeysCommand(options: { db: Db; json: boolean; log: (line: string) => void }) {
  const keys = await listApiKeys({ db: options.db });
  if (options.json) return options.log(JSON.stringify(keys, null, 2));
  if (keys.length === 0)
    return options.log('No API keys yet: make one with `kindly keys create --name <user> --role <role>`');
  const rows = [
    ['id', 'user', 'role', 'created', 'last used', 'revoked'],
    ...keys.map((key) => [key.id, key.userName, key.role, key.createdAt, key.lastUsedAt ?? '-', key.revokedAt ?? '-']),
  ];
  const widths = rows[0]!.map((_cell, column) => Math.max(...rows.map((row) => row[column]!.length)));
  options.log(
    rows
      .map((row) =>
        row
          .map((cell, column) => cell.padEnd(widths[column]!))
          .join('  ')
          .trimEnd(),
      )
      .join('\n'),
  );
}
