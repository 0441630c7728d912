/** Wrong keys one address may send in a window; past that, every key from it is refused (429) until the window ends. */
export const wrongKeyLimit = { failures: 10, windowMs: 60_000, addresses: 10_000 };

/** Counts wrong keys per address in fixed windows, remembering a bounded number of addresses. */
export function makeWrongKeyCounter() {
  const counts = new Map<string, { failures: number; until: number }>();
  const current = (address: string) => {
    const entry = counts.get(address);
    return entry && entry.until > Date.now() ? entry : undefined;
  };
  return {
    failures: (address: string) => current(address)?.failures ?? 0,
    secondsLeft: (address: string) => Math.ceil(((current(address)?.until ?? Date.now()) - Date.now()) / 1000),
    add: (address: string) => {
      const entry = current(address) ?? { failures: 0, until: Date.now() + wrongKeyLimit.windowMs };
      entry.failures += 1;
      counts.delete(address);
      if (counts.size >= wrongKeyLimit.addresses) counts.delete(counts.keys().next().value!);
      counts.set(address, entry);
    },
  };
}
