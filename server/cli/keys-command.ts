import { NotFoundError } from '../errors.ts';
import { createApiKey, revokeApiKey } from '../store/api-keys.ts';
import type { Db } from '../store/db.ts';

/** `kindly keys create`: a new admin API key, shown once (only its hash is stored). */
export async function createKeyCommand(options: { db: Db; name: string; log: (line: string) => void }) {
  const { id, key } = await createApiKey({ db: options.db, name: options.name });
  options.log(
    `Created API key ${id} (${options.name}). It is shown only now:\n${key}\nUse it as: Authorization: Bearer ${key}`,
  );
}

/** `kindly keys revoke <id>`. */
export async function revokeKeyCommand(options: { db: Db; id: string; log: (line: string) => void }) {
  if (!(await revokeApiKey({ db: options.db, id: options.id }))) {
    throw new NotFoundError({
      problem: 'No active API key has this id',
      value: options.id,
      fix: 'Use the id printed by `kindly keys create`',
    });
  }
  options.log(`Revoked ${options.id}`);
}
