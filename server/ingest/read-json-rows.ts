import type { TextSource } from './open-text.ts';
import { parseJsonRecord } from './parse-json-record.ts';
import type { RawRow } from './raw-row.ts';
import type { Column } from './resolve-columns.ts';
import { splitJsonArray } from './split-json-array.ts';

/** Streams the records of a JSON array file as raw rows, numbered by element from 1. */
export async function* readJsonRows(options: { text: TextSource; columns: readonly Column[] }): AsyncGenerator<RawRow> {
  const { text, columns } = options;
  for await (const element of splitJsonArray({ chunks: text.chunks, name: text.name })) {
    yield parseJsonRecord({ text: element.text, row: element.index, what: `element ${element.index}`, columns });
  }
}
