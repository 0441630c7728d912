import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { SegmentCache } from './segment-cache.ts';

/**
 * A segment cache in a folder, safe to share between processes: an entry is written in full
 * under a temporary name and then renamed into place (atomic on one filesystem), so a reader
 * sees a whole entry or none. Entries are never changed once written.
 */
export function makeFolderSegmentCache(options: { dir: string }): SegmentCache {
  const root = path.resolve(options.dir);
  const entryDir = (key: string) => {
    if (!/^[a-z0-9-]{8,128}$/.test(key))
      throw new Error(`A segment key must be 8-128 lowercase letters, digits or dashes, got "${key}"`);
    return path.join(root, key.slice(0, 2), key);
  };
  const get: SegmentCache['get'] = async ({ key }) => {
    const dir = entryDir(key);
    const names = await fs.readdir(dir).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return undefined;
      throw error;
    });
    if (!names) return undefined;
    return Object.fromEntries(names.map((name) => [name, path.join(dir, name)]));
  };
  return {
    get,
    async put({ key, files }) {
      const final = entryDir(key);
      // The temporary folder sits on the cache's own filesystem so the final rename is atomic.
      const temp = path.join(root, '.incoming', `${key}-${randomUUID()}`);
      await fs.mkdir(temp, { recursive: true });
      try {
        for (const [name, source] of Object.entries(files)) {
          if (name !== path.basename(name) || name.startsWith('.'))
            throw new Error(`A segment file name must be a plain file name, got "${name}"`);
          await moveFile({ from: source, to: path.join(temp, name) });
        }
        await fs.mkdir(path.dirname(final), { recursive: true });
        await fs.rename(temp, final);
      } catch (error) {
        await fs.rm(temp, { recursive: true, force: true });
        const code = (error as NodeJS.ErrnoException).code;
        if (code !== 'ENOTEMPTY' && code !== 'EEXIST') throw error;
      }
      const stored = await get({ key });
      if (!stored) throw new Error(`The segment cache lost entry ${key} right after writing it`);
      return stored;
    },
    async remove({ key }) {
      await fs.rm(entryDir(key), { recursive: true, force: true });
    },
  };
}

async function moveFile(options: { from: string; to: string }): Promise<void> {
  try {
    await fs.rename(options.from, options.to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EXDEV') throw error;
    await fs.copyFile(options.from, options.to);
    await fs.rm(options.from, { force: true });
  }
}
