import { normalizeNewlines } from './normalize-newlines.ts';
import type { TextSource } from './open-text.ts';
import { parseJsonRecord } from './parse-json-record.ts';
import type { RawRow } from './raw-row.ts';
import type { Column } from './resolve-columns.ts';

/** Streams the records of an NDJSON file (one object per line) as raw rows, numbered by line; blank lines are skipped. */
export async function* readNdjsonRows(options: {
  text: TextSource;
  columns: readonly Column[];
}): AsyncGenerator<RawRow> {
  const { text, columns } = options;
  let pending = '';
  let line = 0;
  for await (const chunk of normalizeNewlines({ chunks: text.chunks })) {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const content of lines) {
      line += 1;
      if (content.trim() !== '') yield parseJsonRecord({ text: content, row: line, what: `line ${line}`, columns });
    }
  }
  line += 1;
  if (pending.trim() !== '') yield parseJsonRecord({ text: pending, row: line, what: `line ${line}`, columns });
}
