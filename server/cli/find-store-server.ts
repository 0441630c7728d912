import fs from 'node:fs/promises';
import type { Config } from '../config.ts';
import { KindlyError } from '../errors.ts';
import { getStoreLockPaths, readStoreLock } from '../store/read-store-lock.ts';

/** A running `kindly serve` (or `kindly demo`) that holds the embedded store, and the key to reach its API. */
export type StoreServer = { apiUrl: string; key: string; pid: number; command: string };

/** The server's local key, when this user alone can read it (a key others could have written is not trusted). */
async function readLocalKey(options: { file: string }): Promise<string | undefined> {
  const { file } = options;
  try {
    const stat = await fs.stat(file);
    if ((stat.mode & 0o077) !== 0 || (process.getuid && stat.uid !== process.getuid())) return undefined;
    return (await fs.readFile(file, 'utf8')).trim() || undefined;
  } catch {
    return undefined;
  }
}

/**
 * The local server holding the embedded store, when one does and it listens; undefined when the
 * store is PostgreSQL, free, or held by a process that does not serve (which then refuses the
 * command when it opens the store). Its key: the one it wrote for this machine, else KINDLY_API_KEY.
 */
export async function findStoreServer(options: {
  config: Pick<Config, 'databaseUrl' | 'dataDir' | 'apiKey'>;
}): Promise<StoreServer | undefined> {
  const { config } = options;
  if (config.databaseUrl) return undefined;
  const found = await readStoreLock({ dataDir: config.dataDir });
  if (found.state !== 'held') return undefined;
  const { lock } = found;
  const { apiUrl } = lock;
  if (!apiUrl) return undefined;
  const key = (await readLocalKey({ file: getStoreLockPaths({ dataDir: config.dataDir }).key })) ?? config.apiKey;
  if (!key) {
    throw new KindlyError({
      problem: `The embedded store is held by pid ${lock.pid} (${lock.command}), which serves at ${apiUrl}, and there is no key to reach its API`,
      value: config.dataDir,
      fix: 'Run this as the user who started it, or set KINDLY_API_KEY to a key it accepts (its KINDLY_API_KEY, or one from kindly keys create)',
    });
  }
  return { apiUrl, key, pid: lock.pid, command: lock.command };
}
