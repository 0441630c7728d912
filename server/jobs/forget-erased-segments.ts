import { makeFolderSegmentCache } from '../render/make-folder-segment-cache.ts';
import { getSegmentDir } from '../render/open-segment-cache.ts';
import type { Db } from '../store/db.ts';
import { listenForErasedSegments } from '../store/erased-links.ts';

/**
 * Keeps a render machine's own segment folder in step with erasures made elsewhere: the copies it
 * downloaded from the shared bucket of a debtor just erased are deleted as the erasure is
 * announced. A machine that is down at that moment keeps its copies (see README, Erasure).
 * Returns a function that stops listening (undefined when the store cannot listen).
 */
export function forgetErasedSegments(options: {
  db: Db;
  dataDir: string;
  /** Whether erasures reach this machine now (false: its listening connection is down, copies may stay). */
  onState?: (listening: boolean) => void;
  onError?: (error: unknown) => void;
}): (() => Promise<void>) | undefined {
  const folder = makeFolderSegmentCache({ dir: getSegmentDir(options.dataDir) });
  return listenForErasedSegments({
    db: options.db,
    onErased: (keys) => {
      for (const key of keys) folder.remove({ key }).catch((error: unknown) => options.onError?.(error));
    },
    onState: (listening) => options.onState?.(listening),
  });
}
