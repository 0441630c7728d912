import type { Config } from '../config.ts';
import type { Db } from './db.ts';
import { openEmbeddedStore } from './open-embedded-store.ts';
import { openPostgresStore } from './open-postgres-store.ts';

/**
 * Opens the store the configuration names: the PostgreSQL database at `DATABASE_URL` (shared by
 * the API and the workers), else the embedded PGlite in the data folder (one process at a time).
 */
export function openStore(options: { config: Pick<Config, 'databaseUrl' | 'dataDir'> }): Promise<Db> {
  const { config } = options;
  return config.databaseUrl
    ? openPostgresStore({ url: config.databaseUrl })
    : openEmbeddedStore({ dataDir: config.dataDir });
}
