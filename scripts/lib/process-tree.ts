import fs from 'node:fs';

/** A process as /proc shows it: own CPU seconds, CPU seconds of its reaped children, resident bytes. */
export type TreeProcess = { pid: number; ppid: number; own: number; reaped: number; rss: number };

/** A process and its live descendants, from /proc. */
export function listProcessTree(root: number): TreeProcess[] {
  const procs = fs
    .readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((name) => {
      try {
        const stat = fs.readFileSync(`/proc/${name}/stat`, 'utf8');
        const field = stat
          .slice(stat.lastIndexOf(')') + 2)
          .split(' ')
          .map(Number);
        const at = (index: number) => field[index] ?? 0;
        return [
          {
            pid: Number(name),
            ppid: at(1),
            own: (at(11) + at(12)) / 100,
            reaped: (at(13) + at(14)) / 100,
            rss: at(21) * 4096,
          },
        ];
      } catch {
        return [];
      }
    });
  const tree = new Set([root]);
  for (let grew = true; grew;) {
    grew = false;
    for (const proc of procs) {
      if (tree.has(proc.pid) || !tree.has(proc.ppid)) continue;
      tree.add(proc.pid);
      grew = true;
    }
  }
  return procs.filter((proc) => tree.has(proc.pid));
}

/** CPU seconds the whole machine has been busy (all cores, since boot). */
export function readMachineBusy(): number {
  const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fs
    .readFileSync('/proc/stat', 'utf8')
    .split('\n')[0]!
    .trim()
    .split(/\s+/)
    .slice(1)
    .map(Number);
  return (user + nice + system + irq + softirq) / 100;
}
