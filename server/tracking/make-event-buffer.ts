import { KindlyError } from '../errors.ts';
import type { Queryable } from '../store/db.ts';
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
  /** Events accepted and not yet stored. */
  pending: () => number;
  /** Stores everything accepted, then refuses more. */
  close: () => Promise<void>;
};

const overloaded = () =>
  new KindlyError({ problem: 'Tracking is busy; the event was not stored', fix: 'Send it again in a moment', statusCode: 503, retryable: true });

/**
 * Collects events and stores them with multi-row inserts: a batch goes when it reaches
 * `maxBatch` events or `flushMs` after its first event, with at most `writers` inserts at once.
 * With `maxPending` events waiting it refuses more (503) instead of growing without bound. A
 * caller hears back only once its event is stored, so an acknowledged event is never lost.
 */
export function makeEventBuffer(options: { db: Queryable; maxBatch?: number; flushMs?: number; writers?: number; maxPending?: number }): EventBuffer {
  const maxBatch = options.maxBatch ?? 500;
  const flushMs = options.flushMs ?? 5;
  const maxWriters = options.writers ?? 3;
  const maxPending = options.maxPending ?? 20_000;
  let queue: Waiting[] = [];
  let writing = 0;
  let writers = 0;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let idle: (() => void) | undefined;

  const write = async (batch: Waiting[]) => {
    try {
      await insertEvents({ db: options.db, rows: batch.map((waiting) => waiting.row) });
      for (const waiting of batch) waiting.done();
    } catch (error) {
      for (const waiting of batch) waiting.done(error);
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
        else if (writers === 0) idle?.();
      });
    }
  };

  return {
    add: (row) => {
      if (closed || queue.length + writing >= maxPending) return Promise.reject(overloaded());
      return new Promise<void>((resolve, reject) => {
        queue.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
        if (queue.length >= maxBatch) kick();
        else timer ??= setTimeout(kick, flushMs);
      });
    },
    pending: () => queue.length + writing,
    close: async () => {
      closed = true;
      if (queue.length === 0 && writers === 0) return;
      const drained = new Promise<void>((resolve) => (idle = resolve));
      kick();
      await drained;
    },
  };
}

async function insertEvents(options: { db: Queryable; rows: readonly EventRow[] }): Promise<void> {
  const params: unknown[] = [];
  const values = options.rows.map((row, index) => {
    params.push(row.campaignId, row.recordId, row.type, row.visitor ?? null, row.detail ? JSON.stringify(row.detail) : null, row.flagged ?? null, row.at.toISOString());
    const at = index * 7;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}::jsonb, $${at + 6}, $${at + 7}::timestamptz)`;
  });
  await options.db.query(`insert into events (campaign_id, record_id, type, visitor, detail, flagged, created_at) values ${values.join(', ')}`, params);
}
