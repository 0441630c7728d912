import type { Db, Queryable } from './db.ts';

/** The notification channel on which an erased recipient's token is announced to every process. */
const channel = 'kindly_erased_link';

/** Announces an erased link to every process on the database; inside a transaction it goes out on commit. */
export async function announceErasedLink(options: { db: Queryable; token: string }): Promise<void> {
  await options.db.query('select pg_notify($1, $2)', [channel, options.token]);
}

/**
 * Calls `onErased` with each link erased from now on, by any process on the same database.
 * Undefined when the store cannot listen; see Db.listen for `onState`.
 */
export function listenForErasedLinks(options: { db: Db; onErased: (token: string) => void; onState: (listening: boolean) => void }): (() => Promise<void>) | undefined {
  return options.db.listen?.({ channel, onNotify: options.onErased, onState: options.onState });
}
