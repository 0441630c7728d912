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
  for await (const { line, content } of readNdjsonLines({ text })) {
    yield parseJsonRecord({ text: content, row: line, what: `line ${line}`, columns });
  }
}

/** The non-blank lines of an NDJSON text, unparsed, with their line numbers (from 1). */
export async function* readNdjsonLines(options: {
  text: TextSource;
}): AsyncGenerator<{ line: number; content: string }> {
  let pending = '';
  let line = 0;
  for await (const chunk of normalizeNewlines({ chunks: options.text.chunks })) {
    const lines = (pending + chunk).split('\n');
    pending = lines.pop() ?? '';
    for (const content of lines) {
      line += 1;
      if (content.trim() !== '') yield { line, content };
    }
  }
  line += 1;
  if (pending.trim() !== '') yield { line, content: pending };
}
