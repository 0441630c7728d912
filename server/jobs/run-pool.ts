/**
 * Runs `work` over items with at most `concurrency` in flight, pulling items lazily so a
 * large campaign is never held in memory. Resolves when every item is done; `work` reports
 * its own failures (a failed item does not stop the others).
 */
export async function runPool<T>(options: {
  items: AsyncIterable<T>;
  concurrency: number;
  work: (item: T) => Promise<void>;
  signal?: AbortSignal;
}): Promise<void> {
  const iterator = options.items[Symbol.asyncIterator]();
  const worker = async () => {
    while (!options.signal?.aborted) {
      const next = await iterator.next();
      if (next.done) return;
      await options.work(next.value);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, options.concurrency) }, worker));
}
