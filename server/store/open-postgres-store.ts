import pg from 'pg';
import { KindlyError } from '../errors.ts';
import { maskUrlPassword } from '../mask-url-password.ts';
import type { Db } from './db.ts';
import { listenPostgres } from './listen-postgres.ts';
import { makeClientDb } from './make-client-db.ts';
import { migrateExclusively } from './migrate-exclusively.ts';

// Dates stay text ('2027-03-15'): parsed into a Date they would shift by the process's time zone.
const types = new pg.TypeOverrides();
types.setTypeParser(pg.types.builtins.DATE, (value: string) => value);

/**
 * Opens a PostgreSQL database as the store (`DATABASE_URL`), shared by the API and every
 * worker, and brings it up to date with the same migrations as the embedded store.
 */
export async function openPostgresStore(options: { url: string; maxConnections?: number }): Promise<Db> {
  const pool = new pg.Pool({
    connectionString: options.url,
    max: options.maxConnections ?? 10,
    connectionTimeoutMillis: 10_000,
    application_name: 'kindly',
    types,
  });
  // An idle connection the server dropped (restart, failover) is replaced at the next checkout; unhandled, its error would end the process.
  pool.on('error', () => undefined);
  try {
    await migrateExclusively({ pool });
  } catch (error) {
    await pool.end();
    throw describeOpenError({ error, url: options.url });
  }
  return {
    query: async <Row>(sql: string, params?: unknown[]) => ({ rows: (await pool.query(sql, params)).rows as Row[] }),
    transaction: async (work) => {
      const client = await pool.connect();
      try {
        return await makeClientDb({ client }).transaction(work);
      } finally {
        client.release();
      }
    },
    exec: async (sql) => {
      await pool.query(sql);
    },
    close: () => pool.end(),
    listen: listenPostgres({ url: options.url }),
  };
}

/** SQLSTATE classes (and socket errors) that mean the server could not be reached or refused the session. */
const unreachable = /^(08|28|3D|53|57P|E[A-Z]+$)/;

function describeOpenError(options: { error: unknown; url: string }): KindlyError {
  const { error } = options;
  const code = String((error as { code?: unknown }).code ?? '');
  const message = error instanceof Error ? error.message : String(error);
  const value = maskUrlPassword(options.url);
  if (!unreachable.test(code) && code !== '') {
    return new KindlyError({
      problem: `A migration of the PostgreSQL store failed: ${message}`,
      value,
      fix: "Point DATABASE_URL at a database of Kindly's own whose user may create tables",
      statusCode: 500,
      cause: error,
    });
  }
  const fix =
    code === '3D000'
      ? 'Create the database (createdb <name>) or fix its name in DATABASE_URL'
      : code.startsWith('28')
        ? 'Check the user and password in DATABASE_URL'
        : 'Check DATABASE_URL and that PostgreSQL is running and reachable from here';
  return new KindlyError({
    problem: `The PostgreSQL store could not be opened: ${message}`,
    value,
    fix,
    statusCode: 503,
    retryable: true,
    cause: error,
  });
}
