import { extname } from 'node:path';

/** The layouts a records file may have. */
export type RecordsFormat = 'csv' | 'json' | 'ndjson';

const byExtension: Record<string, RecordsFormat> = {
  '.csv': 'csv',
  '.txt': 'csv',
  '.json': 'json',
  '.ndjson': 'ndjson',
  '.jsonl': 'ndjson',
};

/**
 * The format of a records file: from its extension when it has a known one, else from its
 * first non-blank character (`[` a JSON array, `{` one JSON object per line, anything else CSV).
 */
export function pickFormat(options: { name: string; head: string }): RecordsFormat {
  const known = byExtension[extname(options.name).toLowerCase()];
  if (known) return known;
  const first = options.head.replace(/^[\s\uFEFF]+/, '').charAt(0);
  return first === '[' ? 'json' : first === '{' ? 'ndjson' : 'csv';
}
