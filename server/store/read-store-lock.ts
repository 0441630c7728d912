import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';

const storeLockSchema = z.object({
  pid: z.number().int().positive(),
  command: z.string(),
  startedAt: z.string(),
  /** The kernel's start time of the process (Linux), so a reused pid is not taken for the holder. */
  processStart: z.string().optional(),
  /** Where the holder's `kindly serve` answers, once it listens. */
  apiUrl: z.string().optional(),
});

/** Who holds an embedded store: the process, its command line, since when, and its API if it serves. */
export type StoreLock = z.output<typeof storeLockSchema>;

/** An embedded store's lock: nobody's, a running process's, or one left by a process that is gone. */
export type StoreLockState =
  { state: 'free' } | { state: 'held'; lock: StoreLock } | { state: 'stale'; lock: StoreLock | undefined };

/** The lock file and the key file of the embedded store in `dataDir`. */
export function getStoreLockPaths(options: { dataDir: string }): { lock: string; key: string } {
  return { lock: path.join(options.dataDir, 'store.lock'), key: path.join(options.dataDir, 'store.key') };
}

/**
 * The kernel's start time of a process and whether it has ended unreaped, from /proc (Linux);
 * undefined where /proc is not there.
 */
export function readProcessStat(options: { pid: number }): { start: string; zombie: boolean } | undefined {
  try {
    const stat = fs.readFileSync(`/proc/${options.pid}/stat`, 'utf8');
    // The command name (field 2) may hold spaces and parentheses: fields are counted after its last ')'.
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const start = fields[19];
    return start ? { start, zombie: fields[0] === 'Z' } : undefined;
  } catch {
    return undefined;
  }
}

/** Whether the process a lock names still runs: the pid exists, is not a zombie, and started when the lock says. */
export function isHolderAlive(options: { lock: StoreLock }): boolean {
  const { lock } = options;
  try {
    process.kill(lock.pid, 0);
  } catch (error) {
    // EPERM: it runs, under another user.
    if ((error as NodeJS.ErrnoException).code !== 'EPERM') return false;
  }
  const stat = readProcessStat({ pid: lock.pid });
  if (stat?.zombie) return false;
  return !(stat && lock.processStart && stat.start !== lock.processStart);
}

/** Parses a lock file's text; undefined when it is not a lock Kindly wrote. */
export function parseStoreLock(options: { text: string }): StoreLock | undefined {
  try {
    const parsed = storeLockSchema.safeParse(JSON.parse(options.text));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

/** Reads the lock of the embedded store in `dataDir` and says whether its holder still runs. */
export async function readStoreLock(options: { dataDir: string }): Promise<StoreLockState> {
  let text: string;
  try {
    text = await fs.promises.readFile(getStoreLockPaths(options).lock, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'free' };
    throw error;
  }
  const lock = parseStoreLock({ text });
  if (!lock) return { state: 'stale', lock: undefined };
  return isHolderAlive({ lock }) ? { state: 'held', lock } : { state: 'stale', lock };
}
