import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';
import { takeStoreLock } from './take-store-lock.ts';

/**
 * Opens (creating if needed) the embedded PGlite store in `dataDir/db` and brings it up to date.
 * One process owns it at a time (`store.lock`): opening a store another process holds fails at once,
 * naming that process; closing the store lets the next one in.
 */
export async function openEmbeddedStore(options: { dataDir: string; warn?: (line: string) => void }): Promise<Db> {
  const lock = await takeStoreLock({
    dataDir: options.dataDir,
    warn: options.warn ?? ((line) => process.stderr.write(`${line}\n`)),
  });
  try {
    const dir = path.join(options.dataDir, 'db');
    await fs.mkdir(dir, { recursive: true });
    const pglite = await PGlite.create(dir);
    const db: Db = {
      query: async (sql, params) => pglite.query(sql, params),
      transaction: (work) => pglite.transaction((tx) => work({ query: async (sql, params) => tx.query(sql, params) })),
      exec: async (sql) => {
        await pglite.exec(sql);
      },
      close: async () => {
        try {
          await pglite.close();
        } finally {
          await lock.release();
        }
      },
      // One process holds the embedded store, so its notifications reach every listener there is.
      listen: ({ channel, onNotify, onState }) => {
        const listening = pglite.listen(channel, onNotify).then((unlisten) => {
          onState(true);
          return unlisten;
        });
        return async () => {
          const unlisten = await listening.catch(() => undefined);
          if (!pglite.closed) await unlisten?.();
        };
      },
    };
    await migrate({ db }).catch(async (error: unknown) => {
      await pglite.close();
      throw error;
    });
    return db;
  } catch (error) {
    await lock.release();
    throw error;
  }
}
