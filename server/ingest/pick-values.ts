import { columnKey, type Column } from './resolve-columns.ts';

/**
 * The raw values of one JSON record keyed by template field, matching keys as CSV headers are
 * matched (ignoring case and stray spaces). The first key wins when two differ only in case.
 */
export function pickValues(options: {
  object: Record<string, unknown>;
  columns: readonly Column[];
}): Record<string, unknown> {
  const byKey = new Map<string, unknown>();
  for (const [key, value] of Object.entries(options.object)) {
    const wanted = columnKey(key);
    if (!byKey.has(wanted)) byKey.set(wanted, value);
  }
  return Object.fromEntries(
    options.columns.filter((column) => byKey.has(column.key)).map((column) => [column.field, byKey.get(column.key)]),
  );
}
