import type { Db } from '../store/db.ts';
import { listenForErasedLinks } from '../store/erased-links.ts';
import { findTrackedRecipient, type TrackedRecipient } from '../store/recipient-deliveries.ts';

export type { TrackedRecipient };

/** Looks links up, remembering them; `close` stops listening for erasures. */
export type RecipientCache = {
  find: (token: string) => Promise<TrackedRecipient | undefined>;
  /** Always asks the store (a Pay-now click must never redirect an erased link), and remembers the answer. */
  findFresh: (token: string) => Promise<TrackedRecipient | undefined>;
  close: () => Promise<void>;
};

/**
 * Looks a personal link up in the store, remembering it for `ttlMs` (a page sends several
 * events). An erased link must stop counting at once in every process: each erasure is announced
 * on the database (LISTEN/NOTIFY, see erased-links.ts) and dropped from here when it arrives.
 * Remembering is on only while that announcement can reach this process: before listening starts,
 * after its connection is lost (until it is back) and on a store that cannot listen, every lookup
 * asks the store — one indexed read — rather than risk counting an erased link. Unknown links are
 * not remembered, so they cannot fill the cache.
 */
export function makeRecipientCache(options: { db: Db; ttlMs?: number; maxEntries?: number }): RecipientCache {
  const ttlMs = options.ttlMs ?? 30_000;
  const maxEntries = options.maxEntries ?? 50_000;
  const entries = new Map<string, { recipient: TrackedRecipient; expires: number }>();
  let listening = false;
  // Bumped by every erasure heard: a lookup under way when one lands is not remembered.
  let heard = 0;
  const stop = listenForErasedLinks({
    db: options.db,
    onErased: (token) => {
      heard += 1;
      entries.delete(token);
    },
    onState: (state) => {
      heard += 1;
      listening = state;
      if (!state) entries.clear();
    },
  });
  const find = async (token: string, fresh = false): Promise<TrackedRecipient | undefined> => {
    const now = Date.now();
    const hit = entries.get(token);
    if (hit && hit.expires > now && listening && !fresh) return hit.recipient;
    const before = heard;
    const recipient = await findTrackedRecipient({ db: options.db, token });
    if (!recipient) {
      entries.delete(token);
      return undefined;
    }
    if (!listening || heard !== before) return recipient;
    if (entries.size >= maxEntries) entries.delete(entries.keys().next().value!);
    entries.set(token, { recipient, expires: now + ttlMs });
    return recipient;
  };
  return { find: (token) => find(token), findFresh: (token) => find(token, true), close: async () => stop?.() };
}
