import type { Config } from '../config.ts';
import type { Db } from '../store/db.ts';
import { openStore } from '../store/open-store.ts';

/** Opens the store for a command and closes it when the command is done (unless it keeps serving). */
export async function withStore<T>(
  config: Config,
  work: (db: Db) => Promise<T>,
  options: { keepOpen?: boolean } = {},
): Promise<T> {
  const db = await openStore({ config });
  try {
    return await work(db);
  } finally {
    if (!options.keepOpen) await db.close();
  }
}
