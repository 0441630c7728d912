import type { Db, Queryable } from './db.ts';

/** The notification channel on which an erased recipient's token is announced to every process. */
const channel = 'kindly_erased_link';
/** The channel on which the segment cache keys erased with a recipient are announced (to render machines' local copies). */
const segmentsChannel = 'kindly_erased_segments';
/** Keys per notification: PostgreSQL caps a payload at 8000 bytes, and a key is 64 characters. */
const keysPerNotice = 100;

/** Announces an erased link to every process on the database; inside a transaction it goes out on commit. */
export async function announceErasedLink(options: { db: Queryable; token: string }): Promise<void> {
  await options.db.query('select pg_notify($1, $2)', [channel, options.token]);
}

/**
 * Calls `onErased` with each link erased from now on, by any process on the same database.
 * Undefined when the store cannot listen; see Db.listen for `onState`.
 */
export function listenForErasedLinks(options: {
  db: Db;
  onErased: (token: string) => void;
  onState: (listening: boolean) => void;
}): (() => Promise<void>) | undefined {
  return options.db.listen?.({ channel, onNotify: options.onErased, onState: options.onState });
}

const waitFor = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Listens for one link's erasure announcement before it is made, and returns a function that
 * waits (at most `timeoutMs`) until it has come back through the database and stops listening:
 * once this process hears it, the database has sent it to every listening process.
 */
export async function prepareErasureEcho(options: {
  db: Db;
  token: string;
  timeoutMs: number;
}): Promise<() => Promise<void>> {
  if (!options.db.listen) return async () => undefined;
  let heard = () => {};
  const echo = new Promise<void>((resolve) => (heard = resolve));
  let ready = () => {};
  const listening = new Promise<void>((resolve) => (ready = resolve));
  const stop = options.db.listen({
    channel,
    onNotify: (token) => token === options.token && heard(),
    onState: (state) => state && ready(),
  });
  await Promise.race([listening, waitFor(options.timeoutMs)]);
  return async () => {
    await Promise.race([echo, waitFor(options.timeoutMs)]);
    await stop();
  };
}

/** Announces segment cache keys erased with a recipient, so every render machine can drop its local copies. */
export async function announceErasedSegments(options: { db: Queryable; keys: readonly string[] }): Promise<void> {
  for (let at = 0; at < options.keys.length; at += keysPerNotice) {
    await options.db.query('select pg_notify($1, $2)', [
      segmentsChannel,
      options.keys.slice(at, at + keysPerNotice).join(','),
    ]);
  }
}

/** Calls `onErased` with the segment keys erased from now on, by any process on the same database (undefined: the store cannot listen). */
export function listenForErasedSegments(options: {
  db: Db;
  onErased: (keys: string[]) => void;
  onState: (listening: boolean) => void;
}): (() => Promise<void>) | undefined {
  return options.db.listen?.({
    channel: segmentsChannel,
    onNotify: (payload) => options.onErased(payload.split(',').filter(Boolean)),
    onState: options.onState,
  });
}
