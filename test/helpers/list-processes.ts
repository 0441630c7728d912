import fs from 'node:fs/promises';

/** A process as /proc shows it. */
export type ProcessInfo = { pid: number; parent: number; state: string; command: string };

/** Every process on the machine (Linux /proc). */
export async function listProcesses(): Promise<ProcessInfo[]> {
  const names = (await fs.readdir('/proc')).filter((name) => /^\d+$/.test(name));
  const found = await Promise.all(names.map((name) => readProcess(Number(name))));
  return found.filter((entry): entry is ProcessInfo => entry !== undefined);
}

/** One process, or undefined once it is gone. Fields after the command: see proc(5) `stat`. */
export async function readProcess(pid: number): Promise<ProcessInfo | undefined> {
  const stat = await fs.readFile(`/proc/${pid}/stat`, 'utf8').catch(() => undefined);
  if (!stat) return undefined;
  const close = stat.lastIndexOf(')');
  const [state = '?', parent = '0'] = stat.slice(close + 2).split(' ');
  const command = (await fs.readFile(`/proc/${pid}/cmdline`, 'utf8').catch(() => '')).split('\0').join(' ').trim();
  return { pid, parent: Number(parent), state, command };
}

/** The processes started by `pid`, its children's children too. */
export async function listDescendants(pid: number): Promise<ProcessInfo[]> {
  const all = await listProcesses();
  const found: ProcessInfo[] = [];
  let parents = new Set([pid]);
  while (parents.size > 0) {
    const children = all.filter((entry) => parents.has(entry.parent));
    found.push(...children);
    parents = new Set(children.map((entry) => entry.pid));
  }
  return found;
}

/** Still running: present and not a zombie waiting to be reaped. */
export async function isRunning(pid: number): Promise<boolean> {
  const entry = await readProcess(pid);
  return entry !== undefined && entry.state !== 'Z';
}

/** A Chromium process (browser, renderer, GPU, zygote), by its command line. */
export const isBrowser = (entry: ProcessInfo) => /chrom(e|ium)/i.test(entry.command);
