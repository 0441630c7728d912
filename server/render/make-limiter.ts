/**
 * Runs at most `slots` tasks at once, in the order they asked (tasks asking `first` go ahead of
 * every other one waiting, in their own order); each task learns which slot it holds.
 */
export type Limiter = <T>(task: (slot: number) => Promise<T>, options?: { first?: boolean }) => Promise<T>;

export function makeLimiter(options: { slots: number }): Limiter {
  const free = Array.from({ length: Math.max(1, options.slots) }, (_, slot) => slot);
  const waiting: ((slot: number) => void)[] = [];
  const urgent: ((slot: number) => void)[] = [];
  const release = (slot: number) => {
    const next = urgent.shift() ?? waiting.shift();
    if (next) next(slot);
    else free.push(slot);
  };
  return async (task, options) => {
    const slot =
      free.shift() ?? (await new Promise<number>((resolve) => (options?.first ? urgent : waiting).push(resolve)));
    try {
      return await task(slot);
    } finally {
      release(slot);
    }
  };
}
