import os from 'node:os';

/**
 * Recipients (and chunks) rendered at once by default: two per core. A render's tab waits on its
 * browser for about half of each picture (a 1280×720 screenshot is ~65 ms of wall for ~35 ms of
 * CPU), so one per core left the cores idle a third of the time. Measured on 2 cores, 12 personal
 * renders with their shared parts cached, wall seconds per recipient: 2 in flight 2.97–3.02, 3 in
 * flight 2.37–2.39, 4 in flight 2.11–2.19, 6 in flight 2.05; CPU per render unchanged (3.3–3.5 s).
 */
export function defaultRendersInFlight(): number {
  return Math.min(32, 2 * Math.max(1, os.availableParallelism()));
}
