import path from 'node:path';
import type { S3Config } from '../config.ts';
import { makeFolderSegmentCache } from './make-folder-segment-cache.ts';
import { makeS3SegmentCache } from './make-s3-segment-cache.ts';
import type { SegmentCache } from './segment-cache.ts';

/**
 * The segment cache the configuration names: `segments/` in the data folder, or a private S3
 * bucket shared by every worker with that folder in front. Renders read and write it; erasure
 * removes a debtor's personal entries from it.
 */
export function openSegmentCache(options: { dataDir: string; segmentStore: S3Config | undefined }): SegmentCache {
  const localDir = getSegmentDir(options.dataDir);
  return options.segmentStore
    ? makeS3SegmentCache({ ...options.segmentStore, localDir })
    : makeFolderSegmentCache({ dir: localDir });
}

/** The machine's own segment folder in the data folder (the whole cache, or the copy in front of the bucket). */
export const getSegmentDir = (dataDir: string) => path.join(dataDir, 'segments');
