import crypto from 'node:crypto';
import fs from 'node:fs';
import { KindlyError } from '../errors.ts';
import {
  getStoreLockPaths,
  isHolderAlive,
  parseStoreLock,
  readProcessStat,
  type StoreLock,
} from './read-store-lock.ts';

/** This process's hold on an embedded store; `release` lets the next process open it. */
export type StoreLockHandle = { release: () => Promise<void> };

const held = new Set<string>();
const signals = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/** Removes the lock (and the server key beside it) when it still names this process. */
function removeIfOwn(dataDir: string): void {
  const paths = getStoreLockPaths({ dataDir });
  const text = readLockText(paths.lock);
  if (text !== undefined && parseStoreLock({ text })?.pid !== process.pid) return;
  for (const file of [paths.key, paths.lock]) fs.rmSync(file, { force: true });
}

function readLockText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}

function releaseAll(): void {
  for (const dataDir of held) removeIfOwn(dataDir);
  held.clear();
}

/** A signal nobody else handles would end the process without cleaning up: release, then end as that signal would. */
function onSignal(signal: NodeJS.Signals): void {
  // `kindly serve` handles its signals itself and releases the store when it has closed.
  if (process.listeners(signal).some((listener) => listener !== onSignal)) return;
  releaseAll();
  for (const name of signals) process.removeListener(name, onSignal);
  process.kill(process.pid, signal);
}

function watchExit(): void {
  if (process.listeners('exit').includes(releaseAll)) return;
  process.on('exit', releaseAll);
  for (const signal of signals) process.on(signal, onSignal);
}

function refuse(options: { dataDir: string; lock: StoreLock }): KindlyError {
  const { lock } = options;
  return new KindlyError({
    problem: `The embedded store is in use: pid ${lock.pid} (${lock.command}), since ${lock.startedAt}${lock.apiUrl ? `, serving ${lock.apiUrl}` : ''}`,
    value: options.dataDir,
    fix:
      `Two processes on one store folder would corrupt it. Let it finish or stop it (Ctrl+C in its terminal, or kill ${lock.pid}), then run this again; ` +
      'while a kindly serve or kindly demo holds the store, only kindly stats, retry and delivery go through its API: ' +
      'the others, kindly keys create and revoke among them, run when it is stopped; ' +
      'to run several processes on one store, use PostgreSQL (DATABASE_URL)',
    statusCode: 409,
  });
}

/**
 * Makes this process the one owner of the embedded store in `dataDir`: creates `store.lock`
 * atomically (a complete file or none) naming this process, or refuses at once naming the process
 * that holds it. A lock whose process is gone (killed, crashed, or its pid now another program's)
 * is taken over, and `warn` says so. The lock goes on release, on exit and on unhandled signals.
 */
export async function takeStoreLock(options: {
  dataDir: string;
  warn: (line: string) => void;
}): Promise<StoreLockHandle> {
  const lockFile = getStoreLockPaths(options).lock;
  await fs.promises.mkdir(options.dataDir, { recursive: true });
  const own: StoreLock = {
    pid: process.pid,
    command: ['kindly', ...process.argv.slice(2)].join(' '),
    startedAt: new Date().toISOString(),
    processStart: readProcessStat({ pid: process.pid })?.start,
  };
  for (let attempt = 0; attempt < 10; attempt += 1) {
    const draft = `${lockFile}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
    await fs.promises.writeFile(draft, `${JSON.stringify(own)}\n`);
    // A hard link is created whole or not at all, and fails when the lock exists: no reader sees half a lock.
    const taken = await fs.promises
      .link(draft, lockFile)
      .then(
        () => true,
        (error: NodeJS.ErrnoException) => {
          if (error.code === 'EEXIST') return false;
          throw error;
        },
      )
      .finally(() => fs.promises.rm(draft, { force: true }));
    if (taken) {
      held.add(options.dataDir);
      watchExit();
      return {
        release: async () => {
          if (held.delete(options.dataDir)) removeIfOwn(options.dataDir);
        },
      };
    }
    const text = readLockText(lockFile);
    if (text === undefined) continue;
    const lock = parseStoreLock({ text });
    if (lock && isHolderAlive({ lock })) throw refuse({ dataDir: options.dataDir, lock });
    // Moved aside, not deleted: if another process took the stale lock over first, its fresh lock is put back.
    const aside = `${lockFile}.stale.${process.pid}`;
    const moved = await fs.promises.rename(lockFile, aside).then(
      () => true,
      () => false,
    );
    if (!moved) continue;
    if (readLockText(aside) !== text) await fs.promises.link(aside, lockFile).catch(() => undefined);
    else
      options.warn(
        `kindly: taking over the embedded store from ${lock ? `pid ${lock.pid} (${lock.command}, since ${lock.startedAt})` : 'an unreadable lock'}, which is no longer running`,
      );
    await fs.promises.rm(aside, { force: true });
  }
  throw new KindlyError({
    problem: 'Could not take the lock of the embedded store: other processes kept taking it',
    value: options.dataDir,
    fix: 'Run one Kindly process on this folder at a time',
    statusCode: 409,
  });
}
