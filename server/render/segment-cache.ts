/**
 * Where rendered segments are kept, by content key. The folder cache is the default; an
 * S3-compatible one only has to give the same two calls (download on `get`, upload on `put`).
 * An entry is a few named files (e.g. `video.ts`, `audio.aac`); it is either wholly there or absent.
 */
export type SegmentCache = {
  /** Local paths of the entry's files by file name, or undefined when the key is not cached. */
  get: (options: { key: string }) => Promise<Record<string, string> | undefined>;
  /**
   * Stores the files (by file name) under the key and returns where they now are. When another
   * writer stored the key first, its entry is kept and returned: equal keys mean equal content.
   */
  put: (options: { key: string; files: Record<string, string> }) => Promise<Record<string, string>>;
  /** Deletes the entry wherever this cache keeps it (erasure); a missing key is no error. */
  remove: (options: { key: string }) => Promise<void>;
};
