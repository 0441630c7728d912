import pg from 'pg';
import type { Db } from './db.ts';

/** How long to wait before listening again after the connection was lost. */
const retryMs = 1000;

/**
 * Db.listen over PostgreSQL: a connection of its own (a pooled one would be handed to others),
 * opened again whenever it is lost, until closed.
 */
export function listenPostgres(options: { url: string }): NonNullable<Db['listen']> {
  return ({ channel, onNotify, onState }) => {
    let closed = false;
    let client: pg.Client | undefined;
    let timer: NodeJS.Timeout | undefined;
    const lost = () => {
      client = undefined;
      if (closed) return;
      onState(false);
      timer = setTimeout(() => void connect(), retryMs);
    };
    const connect = async () => {
      const next = new pg.Client({ connectionString: options.url, application_name: 'kindly-listen' });
      let failed = false;
      const fail = () => {
        if (failed) return;
        failed = true;
        void next.end().catch(() => undefined);
        lost();
      };
      next.on('error', fail);
      next.on('end', fail);
      next.on('notification', (message) => message.channel === channel && onNotify(message.payload ?? ''));
      try {
        await next.connect();
        await next.query(`listen ${pg.escapeIdentifier(channel)}`);
      } catch {
        return fail();
      }
      if (closed) return void next.end().catch(() => undefined);
      client = next;
      onState(true);
    };
    void connect();
    return async () => {
      closed = true;
      clearTimeout(timer);
      const open = client;
      client = undefined;
      await open?.end().catch(() => undefined);
    };
  };
}
