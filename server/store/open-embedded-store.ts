import fs from 'node:fs/promises';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import type { Db } from './db.ts';
import { migrate } from './migrate.ts';

/** Opens (creating if needed) the embedded PGlite store in `dataDir/db` and brings it up to date. */
export async function openEmbeddedStore(options: { dataDir: string }): Promise<Db> {
  const dir = path.join(options.dataDir, 'db');
  await fs.mkdir(dir, { recursive: true });
  const pglite = await PGlite.create(dir);
  const db: Db = {
    query: async (sql, params) => pglite.query(sql, params),
    transaction: (work) => pglite.transaction((tx) => work({ query: async (sql, params) => tx.query(sql, params) })),
    exec: async (sql) => {
      await pglite.exec(sql);
    },
    close: () => pglite.close(),
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
  await migrate({ db });
  return db;
}
