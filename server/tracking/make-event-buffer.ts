import { KindlyError } from '../errors.ts';
import type { Queryable } from '../store/db.ts';
import { insertEvents } from '../store/events.ts';
import type { Flag } from './classify-request.ts';

/** One event as stored: the recipient's record id, never personal data beyond it. */
export type EventRow = {
  campaignId: string;
  recordId: string;
  type: string;
  visitor?: string;
  detail?: Record<string, unknown>;
  flagged?: Flag;
  at: Date;
};

type Waiting = { row: EventRow; done: (error?: unknown) => void };

/** Events written in batches; `add` resolves once its event is stored. */
export type EventBuffer = {
  add: (row: EventRow) => Promise<void>;
  /**
   * Takes an event that must not be lost and must not wait long (a Pay-now click): it goes with
   * the next batch, and while storing fails it is kept and tried again in the background.
   * Resolves once it is stored, kept for later, or `keepWaitMs` passed; never rejects.
   */
  keep: (row: EventRow) => Promise<void>;
  /** Events accepted and not yet stored (kept ones included). */
  pending: () => number;
  /** Stores everything accepted (trying kept events again for up to `closeWaitMs`), then refuses more. */
  close: () => Promise<void>;
};

const overloaded = () =>
  new KindlyError({
    problem: 'Tracking is busy; the event was not stored',
    fix: 'Send it again in a moment',
    statusCode: 503,
    retryable: true,
  });

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Collects events and stores them with multi-row inserts: a batch goes when it reaches
 * `maxBatch` events or `flushMs` after its first event, with at most `writers` inserts at once.
 * With `maxPending` events waiting it refuses more (503) instead of growing without bound. A
 * caller hears back only once its event is stored, so an acknowledged event is never lost. A
 * batch the store refuses is stored again row by row, so one bad event fails alone.
 */
export function makeEventBuffer(options: {
  db: Queryable;
  maxBatch?: number;
  flushMs?: number;
  writers?: number;
  maxPending?: number;
  /** First wait before kept events are tried again; it doubles up to `maxRetryMs`. */
  retryMs?: number;
  maxRetryMs?: number;
  /** The longest `keep` holds its caller while the store is slow. */
  keepWaitMs?: number;
  closeWaitMs?: number;
}): EventBuffer {
  const maxBatch = options.maxBatch ?? 500;
  const flushMs = options.flushMs ?? 5;
  const maxWriters = options.writers ?? 3;
  const maxPending = options.maxPending ?? 20_000;
  const retryMs = options.retryMs ?? 250;
  const maxRetryMs = options.maxRetryMs ?? 10_000;
  const keepWaitMs = options.keepWaitMs ?? 1000;
  const closeWaitMs = options.closeWaitMs ?? 30_000;
  let queue: Waiting[] = [];
  let writing = 0;
  let writers = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  const idle: (() => void)[] = [];
  const kept: EventRow[] = [];
  let retrying = 0;
  let retryDelay = retryMs;
  let retryTimer: NodeJS.Timeout | undefined;

  const store = async (rows: readonly EventRow[]) => insertEvents({ db: options.db, rows });
  const write = async (batch: Waiting[]) => {
    try {
      await store(batch.map((waiting) => waiting.row));
      for (const waiting of batch) waiting.done();
    } catch (error) {
      if (batch.length === 1) return batch[0]!.done(error);
      for (const waiting of batch) {
        await store([waiting.row]).then(
          () => waiting.done(),
          (rowError: unknown) => waiting.done(rowError),
        );
      }
    }
  };
  const kick = () => {
    if (timer) clearTimeout(timer);
    timer = undefined;
    while (writers < maxWriters && queue.length > 0) {
      const batch = queue.slice(0, maxBatch);
      queue = queue.slice(maxBatch);
      writers += 1;
      writing += batch.length;
      void write(batch).finally(() => {
        writers -= 1;
        writing -= batch.length;
        if (queue.length > 0) kick();
        else if (writers === 0) for (const resolve of idle.splice(0)) resolve();
      });
    }
  };
  const enqueue = (row: EventRow) =>
    new Promise<void>((resolve, reject) => {
      queue.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
      if (queue.length >= maxBatch) kick();
      else timer ??= setTimeout(kick, flushMs);
    });
  const drained = async () => {
    if (queue.length === 0 && writers === 0) return;
    const done = new Promise<void>((resolve) => idle.push(resolve));
    kick();
    await done;
  };
  /** Tries the kept events once more; those that fail again stay kept. */
  const retryKept = async () => {
    const rows = kept.splice(0);
    retrying += rows.length;
    const results = await Promise.allSettled(rows.map(enqueue));
    retrying -= rows.length;
    const failed = rows.filter((_, index) => results[index]!.status === 'rejected');
    kept.push(...failed);
    retryDelay = failed.length > 0 ? Math.min(retryDelay * 2, maxRetryMs) : retryMs;
  };
  const scheduleRetry = () => {
    if (retryTimer || kept.length === 0 || closed) return;
    retryTimer = setTimeout(() => {
      retryTimer = undefined;
      void retryKept().finally(scheduleRetry);
    }, retryDelay);
  };
  const keep = async (row: EventRow) => {
    retrying += 1;
    const settled = enqueue(row)
      .catch(() => {
        kept.push(row);
        scheduleRetry();
      })
      .finally(() => (retrying -= 1));
    let waited: NodeJS.Timeout | undefined;
    await Promise.race([settled, new Promise((resolve) => (waited = setTimeout(resolve, keepWaitMs)))]);
    clearTimeout(waited);
  };

  return {
    add: (row) => {
      if (closed || queue.length + writing >= maxPending) return Promise.reject(overloaded());
      return enqueue(row);
    },
    keep,
    pending: () => queue.length + writing + kept.length + retrying,
    close: async () => {
      closed = true;
      if (retryTimer) clearTimeout(retryTimer);
      retryTimer = undefined;
      const deadline = Date.now() + closeWaitMs;
      for (;;) {
        await drained();
        while (retrying > 0) await sleep(10);
        if (kept.length === 0) return;
        if (Date.now() > deadline) {
          throw new KindlyError({
            problem: 'Events could not be stored before shutdown',
            value: `${kept.length} events`,
            fix: 'Check the database; the server kept trying for the whole shutdown wait',
            statusCode: 503,
          });
        }
        await retryKept();
        if (kept.length > 0) await sleep(Math.min(retryDelay, 1000));
      }
    },
  };
}
