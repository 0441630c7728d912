import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeCancelSignal, type CancelSignal } from '@remotion/renderer';
import type { Limiter } from './make-limiter.ts';
import type { SegmentCache } from './segment-cache.ts';

/** How to make a segment that is not cached yet: render its files into `dir`, with the render slot it holds. */
export type MakeSegment = (options: { dir: string; slot: number; cancelSignal: CancelSignal; onFrames: (frames: number) => void }) => Promise<Record<string, string>>;

/** A segment's files and whether this call rendered them (false: taken from the cache or another render). */
export type FetchedSegment = { files: Record<string, string>; rendered: boolean };

/** Gets segments from the cache, or renders and stores them; see makeSegmentSource. */
export type SegmentSource = {
  fetch: (options: { key: string; make: MakeSegment; signal?: AbortSignal; onFrames?: (frames: number) => void }) => Promise<FetchedSegment>;
};

type Entry = { done: Promise<FetchedSegment>; waiters: number; cancel: () => void; listeners: Set<(frames: number) => void> };

/**
 * Segments by key: from the cache when there, else rendered once — recipients asking for the
 * same key while it renders wait for that one render — with at most `limit`'s slots rendering.
 * A render is cancelled only when every recipient waiting for it has given up.
 */
export function makeSegmentSource(options: { cache: SegmentCache; limit: Limiter }): SegmentSource {
  const inFlight = new Map<string, Entry>();

  const start = (key: string, make: MakeSegment): Entry => {
    const { cancelSignal, cancel } = makeCancelSignal();
    let cancelled = false;
    const listeners = new Set<(frames: number) => void>();
    const produce = async (): Promise<FetchedSegment> => {
      const cached = await options.cache.get({ key });
      if (cached) return { files: cached, rendered: false };
      return options.limit(async (slot) => {
        if (cancelled) throw new Error('The segment render was cancelled');
        // Another process sharing the cache may have finished it while this one waited.
        const ready = await options.cache.get({ key });
        if (ready) return { files: ready, rendered: false };
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kindly-segment-'));
        try {
          const files = await make({ dir, slot, cancelSignal, onFrames: (frames) => listeners.forEach((listener) => listener(frames)) });
          return { files: await options.cache.put({ key, files }), rendered: true };
        } finally {
          await fs.rm(dir, { recursive: true, force: true });
        }
      });
    };
    const entry: Entry = {
      done: produce().finally(() => {
        if (inFlight.get(key) === entry) inFlight.delete(key);
      }),
      waiters: 0,
      listeners,
      cancel: () => {
        cancelled = true;
        cancel();
        if (inFlight.get(key) === entry) inFlight.delete(key);
      },
    };
    entry.done.catch(() => undefined);
    inFlight.set(key, entry);
    return entry;
  };

  return {
    async fetch({ key, make, signal, onFrames }) {
      signal?.throwIfAborted();
      const entry = inFlight.get(key) ?? start(key, make);
      const joined = inFlight.get(key) === entry && entry.waiters > 0;
      entry.waiters += 1;
      if (onFrames) entry.listeners.add(onFrames);
      let onAbort: (() => void) | undefined;
      const aborted = new Promise<never>((_, reject) => {
        onAbort = () => {
          entry.waiters -= 1;
          if (entry.waiters === 0) entry.cancel();
          reject(signal?.reason ?? new Error('The render was aborted'));
        };
        signal?.addEventListener('abort', onAbort, { once: true });
      });
      aborted.catch(() => undefined);
      try {
        const result = await Promise.race([entry.done, aborted]);
        return joined ? { files: result.files, rendered: false } : result;
      } finally {
        if (onAbort) signal?.removeEventListener('abort', onAbort);
        if (onFrames) entry.listeners.delete(onFrames);
      }
    },
  };
}
