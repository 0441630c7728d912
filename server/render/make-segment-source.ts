import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { makeCancelSignal, type CancelSignal } from '@remotion/renderer';
import type { Limiter } from './make-limiter.ts';
import type { SegmentCache } from './segment-cache.ts';

/** What making segments is given: the render slot it holds, a scratch folder, cancelling and progress. */
type MakeOptions = { dir: string; slot: number; cancelSignal: CancelSignal; onFrames: (frames: number) => void };

/** How to make a segment that is not cached yet: render its files into `dir`, with the render slot it holds. */
export type MakeSegment = (options: MakeOptions) => Promise<Record<string, string>>;

/** How to make several segments in one go (one browser tab): the files of each of `keys`, by key. */
export type MakeSegments = (
  options: MakeOptions & { keys: readonly string[] },
) => Promise<Record<string, Record<string, string>>>;

/** A segment's files and whether this call rendered them (false: taken from the cache or another render). */
export type FetchedSegment = { files: Record<string, string>; rendered: boolean };

type FetchOptions = { signal?: AbortSignal; onFrames?: (frames: number) => void };

/** Gets segments from the cache, or renders and stores them; see makeSegmentSource. */
export type SegmentSource = {
  fetch: (options: FetchOptions & { key: string; make: MakeSegment }) => Promise<FetchedSegment>;
  /** Segments by key, in order; those neither cached nor rendering elsewhere are made by one `make` call. */
  fetchMany: (options: FetchOptions & { keys: readonly string[]; make: MakeSegments }) => Promise<FetchedSegment[]>;
};

/** One render under way: the keys it makes, who waits for it, and how to stop it. */
type Group = {
  done: Promise<Map<string, FetchedSegment>>;
  waiters: number;
  cancel: () => void;
  listeners: Set<(frames: number) => void>;
};

/**
 * Segments by key: from the cache when there, else rendered once — recipients asking for a key
 * while it renders wait for that one render — with at most `limit`'s slots rendering. Keys asked
 * for together are rendered together. A render is cancelled only when every recipient waiting
 * for it has given up.
 */
export function makeSegmentSource(options: { cache: SegmentCache; limit: Limiter }): SegmentSource {
  const inFlight = new Map<string, Group>();

  const readCached = async (keys: readonly string[]) => {
    const found = new Map<string, FetchedSegment>();
    await Promise.all(
      keys.map(async (key) => {
        const files = await options.cache.get({ key });
        if (files) found.set(key, { files, rendered: false });
      }),
    );
    return found;
  };

  const start = (keys: readonly string[], make: MakeSegments): Group => {
    const { cancelSignal, cancel } = makeCancelSignal();
    let cancelled = false;
    const listeners = new Set<(frames: number) => void>();
    const produce = (): Promise<Map<string, FetchedSegment>> =>
      options.limit(async (slot) => {
        if (cancelled) throw new Error('The segment render was cancelled');
        // Another process sharing the cache may have finished some while this one waited.
        const found = await readCached(keys);
        const missing = keys.filter((key) => !found.has(key));
        if (missing.length === 0) return found;
        const dir = await fs.mkdtemp(path.join(os.tmpdir(), 'kindly-segment-'));
        try {
          const made = await make({
            keys: missing,
            dir,
            slot,
            cancelSignal,
            onFrames: (frames) => listeners.forEach((listener) => listener(frames)),
          });
          for (const key of missing) {
            const files = made[key];
            if (!files) throw new Error(`Rendering segments made no files for ${key}`);
            found.set(key, { files: await options.cache.put({ key, files }), rendered: true });
          }
          return found;
        } finally {
          await fs.rm(dir, { recursive: true, force: true });
        }
      });
    const forget = () => keys.forEach((key) => inFlight.get(key) === group && inFlight.delete(key));
    const group: Group = {
      done: produce().finally(forget),
      waiters: 0,
      listeners,
      cancel: () => {
        cancelled = true;
        cancel();
        forget();
      },
    };
    group.done.catch(() => undefined);
    keys.forEach((key) => inFlight.set(key, group));
    return group;
  };

  const fetchMany: SegmentSource['fetchMany'] = async ({ keys, make, signal, onFrames }) => {
    signal?.throwIfAborted();
    // Cached keys are read, not waited for: a render lasts as long as its slowest segment.
    const ready = await readCached([...new Set(keys)].filter((key) => !inFlight.has(key)));
    signal?.throwIfAborted();
    const waiting = keys.filter((key) => !ready.has(key));
    const joined = new Set(waiting.map((key) => inFlight.get(key)).filter((group) => group !== undefined));
    const fresh = [...new Set(waiting.filter((key) => !inFlight.has(key)))];
    const started = fresh.length > 0 ? start(fresh, make) : undefined;
    const groups = started ? [...joined, started] : [...joined];
    const ofKey = new Map(waiting.map((key) => [key, inFlight.get(key) ?? started]));
    for (const group of groups) {
      group.waiters += 1;
      if (onFrames) group.listeners.add(onFrames);
    }
    let onAbort: (() => void) | undefined;
    const aborted = new Promise<never>((_, reject) => {
      onAbort = () => {
        for (const group of groups) {
          group.waiters -= 1;
          if (group.waiters === 0) group.cancel();
        }
        reject(signal?.reason ?? new Error('The render was aborted'));
      };
      signal?.addEventListener('abort', onAbort, { once: true });
    });
    aborted.catch(() => undefined);
    try {
      const results = await Promise.race([Promise.all(groups.map((group) => group.done)), aborted]);
      const byKey = new Map([...ready, ...results.flatMap((result) => [...result])]);
      return keys.map((key) => {
        const segment = byKey.get(key);
        if (!segment) throw new Error(`Segment ${key} was not made`);
        // Only the caller that started a render counts it as rendered; the others took its result.
        return started !== undefined && ofKey.get(key) === started
          ? segment
          : { files: segment.files, rendered: false };
      });
    } finally {
      if (onAbort) signal?.removeEventListener('abort', onAbort);
      if (onFrames) groups.forEach((group) => group.listeners.delete(onFrames));
    }
  };

  return {
    fetchMany,
    async fetch({ key, make, ...rest }) {
      const [segment] = await fetchMany({
        ...rest,
        keys: [key],
        make: async (options) => ({ [key]: await make(options) }),
      });
      if (!segment) throw new Error(`Segment ${key} was not made`);
      return segment;
    },
  };
}
