import fs from 'node:fs/promises';
import { getStoreLockPaths, parseStoreLock } from './read-store-lock.ts';

/**
 * Tells the embedded store's lock, which this process holds, where its `kindly serve` answers, and
 * writes beside it (readable by this user only) the key this server accepts from commands on the
 * same machine while it runs. Nothing happens when this process holds no lock there (PostgreSQL).
 */
export async function announceServer(options: { dataDir: string; apiUrl: string; key: string }): Promise<void> {
  const paths = getStoreLockPaths(options);
  const lock = parseStoreLock({ text: await fs.readFile(paths.lock, 'utf8').catch(() => '') });
  if (lock?.pid !== process.pid) return;
  await fs.rm(paths.key, { force: true });
  await fs.writeFile(paths.key, `${options.key}\n`, { mode: 0o600, flag: 'wx' });
  // Replaced whole by a rename, so the lock file never goes missing or half-written.
  const draft = `${paths.lock}.${process.pid}.serving`;
  await fs.writeFile(draft, `${JSON.stringify({ ...lock, apiUrl: options.apiUrl })}\n`);
  await fs.rename(draft, paths.lock);
}
