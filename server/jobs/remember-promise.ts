/** Entries a memo keeps; a campaign has one look per locale and tone, so this is many campaigns' worth. */
const maxEntries = 1000;

/** Keeps a promise under its key (the oldest goes past `maxEntries`); a rejected one is forgotten, so the next asker tries again. */
export function remember<T>(memo: Map<string, Promise<T>>, key: string, promise: Promise<T>): Promise<T> {
  memo.set(key, promise);
  promise.catch(() => memo.delete(key));
  if (memo.size > maxEntries) memo.delete(memo.keys().next().value as string);
  return promise;
}
