import { listProcessTree, readMachineBusy } from './process-tree.ts';

/**
 * Runs `task`, returning its wall seconds, CPU seconds of the whole process tree (this process's,
 * or `root`'s: a server the task drives) and the tree's peak RSS. Browsers are killed as a process group, so their CPU never reaches this process's
 * reaped-children counter: descendants are sampled every 250 ms instead (direct children, e.g.
 * ffmpeg, are counted exactly once reaped).
 */
export async function measure<T>(
  task: () => Promise<T>,
  options: { root?: number } = {},
): Promise<{ result: T; wall: number; cpu: number; peakMb: number; otherCpu: number }> {
  const root = options.root ?? process.pid;
  const machineStart = readMachineBusy();
  const before = new Map(listProcessTree(root).map((proc) => [proc.pid, proc.own]));
  const seen = new Map<number, number>();
  const self = () => listProcessTree(root).find((proc) => proc.pid === root) ?? { own: 0, reaped: 0 };
  const selfStart = self();
  let peak = 0;
  const sample = () => {
    const procs = listProcessTree(root);
    peak = Math.max(
      peak,
      procs.reduce((sum, proc) => sum + proc.rss, 0),
    );
    for (const proc of procs)
      if (proc.pid !== root && proc.ppid !== root) seen.set(proc.pid, Math.max(seen.get(proc.pid) ?? 0, proc.own));
  };
  sample();
  const timer = setInterval(sample, 250);
  const started = performance.now();
  try {
    const result = await task();
    const wall = (performance.now() - started) / 1000;
    sample();
    const selfEnd = self();
    let descendants = 0;
    for (const [pid, own] of seen) descendants += own - (before.get(pid) ?? 0);
    const cpu = selfEnd.own - selfStart.own + selfEnd.reaped - selfStart.reaped + descendants;
    // Other work on the machine (another test run) slows a run down: report how much there was.
    const otherCpu = Math.max(0, readMachineBusy() - machineStart - cpu);
    return { result, wall, cpu, peakMb: Math.round(peak / 2 ** 20), otherCpu };
  } finally {
    clearInterval(timer);
  }
}
