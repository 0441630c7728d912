import type pg from 'pg';
import { makeClientDb } from './make-client-db.ts';
import { migrate } from './migrate.ts';

/** 'Kindly' in ASCII: the advisory lock key (per database) that migrations take. */
const migrationLock = 0x4b696e646c79;

/**
 * Runs the versioned migrations (the same `migrate` the embedded store runs) while holding a
 * PostgreSQL advisory lock, so the API and any number of workers can start at once: one
 * migrates, the others wait, then find nothing left to apply.
 */
export async function migrateExclusively(options: { pool: pg.Pool }): Promise<string[]> {
  const client = await options.pool.connect();
  try {
    await client.query(`select pg_advisory_lock(${migrationLock})`);
    return await migrate({ db: makeClientDb({ client }) });
  } finally {
    // Closing the session releases its lock whatever happened, even mid-migration.
    client.release(true);
  }
}
