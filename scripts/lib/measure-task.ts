import { listProcessTree, readMachineBusy } from './process-tree.ts';

/** The tree's processes by pid. */
const sampleTree = (root: number) => new Map(listProcessTree(root).map((proc) => [proc.pid, proc]));

/**
 * Runs `task`, returning its wall seconds, CPU seconds of the whole process tree (this process's,
 * or `root`'s: a server the task drives), the tree's peak RSS (sampled every 250 ms) and the CPU
 * the rest of the machine spent meanwhile. CPU is exact, from two readings of /proc: a process
 * that ends (an ffmpeg run, a tab, a browser closed when its renderer is recycled) is counted in
 * its parent's reaped-children counter, which grows by its whole life and its descendants'; so the
 * tree's CPU is what every process still there spent since the start, own and reaped, less what
 * the processes that ended had spent, own and reaped, before the start.
 */
export async function measure<T>(
  task: () => Promise<T>,
  options: { root?: number } = {},
): Promise<{ result: T; wall: number; cpu: number; peakMb: number; otherCpu: number }> {
  const root = options.root ?? process.pid;
  const machineStart = readMachineBusy();
  const start = sampleTree(root);
  let peak = 0;
  const sample = () => {
    const tree = sampleTree(root);
    peak = Math.max(
      peak,
      [...tree.values()].reduce((sum, proc) => sum + proc.rss, 0),
    );
    return tree;
  };
  sample();
  const timer = setInterval(sample, 250);
  const started = performance.now();
  try {
    const result = await task();
    const wall = (performance.now() - started) / 1000;
    const end = sample();
    let cpu = 0;
    for (const proc of end.values()) {
      const before = start.get(proc.pid);
      cpu += proc.own + proc.reaped - (before ? before.own + before.reaped : 0);
    }
    for (const proc of start.values()) if (!end.has(proc.pid)) cpu -= proc.own + proc.reaped;
    // Other work on the machine (another test run) slows a run down: report how much there was.
    const otherCpu = Math.max(0, readMachineBusy() - machineStart - cpu);
    return { result, wall, cpu, peakMb: Math.round(peak / 2 ** 20), otherCpu };
  } finally {
    clearInterval(timer);
  }
}
