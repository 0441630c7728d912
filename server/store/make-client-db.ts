import type pg from 'pg';
import type { Db, Queryable } from './db.ts';

/**
 * A Db over one PostgreSQL connection: every statement runs on this session, in order, so a
 * transaction or a session lock spans them. `close` does nothing: the connection belongs to
 * whoever checked it out of the pool.
 */
export function makeClientDb(options: { client: pg.ClientBase }): Db {
  const { client } = options;
  const query: Queryable['query'] = async <Row>(sql: string, params?: unknown[]) => ({
    rows: (await client.query(sql, params)).rows as Row[],
  });
  return {
    query,
    transaction: async (work) => {
      await client.query('begin');
      try {
        const result = await work({ query });
        await client.query('commit');
        return result;
      } catch (error) {
        // When even the rollback fails the connection is gone; the pool drops it on release, and the first error is the one to report.
        await client.query('rollback').catch(() => undefined);
        throw error;
      }
    },
    exec: async (sql) => {
      await client.query(sql);
    },
    close: async () => undefined,
  };
}
