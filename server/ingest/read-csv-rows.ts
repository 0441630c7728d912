import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Info } from 'csv-parse';
import { InputError } from '../errors.ts';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { matchHeader, type CellSource } from './match-header.ts';
import { normalizeNewlines } from './normalize-newlines.ts';
import type { RawRow } from './raw-row.ts';
import type { Column } from './resolve-columns.ts';
import { sniffDelimiter } from './sniff-delimiter.ts';
import type { TextSource } from './open-text.ts';

/**
 * Streams the data rows of a CSV file as raw values keyed by field. Rows are numbered by the
 * line they start on, header included, as a spreadsheet shows them; a row whose cell count
 * differs from the header's is handed over as issues rather than guessed at.
 */
export async function* readCsvRows(options: {
  text: TextSource;
  columns: readonly Column[];
  template: TemplateDefinition;
}): AsyncGenerator<RawRow> {
  const { text, columns, template } = options;
  const delimiter = sniffDelimiter({ head: text.head });
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    // Excel leaves rows of bare delimiters under the data; they are not records.
    skip_records_with_empty_values: true,
  });
  const done = pipeline(Readable.from(normalizeNewlines({ chunks: text.chunks })), parser);
  // Read through the iterator below; this only keeps an early stop from surfacing as unhandled.
  done.catch(() => undefined);
  let header: string[] | undefined;
  let sources: CellSource[] = [];
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: Info }>) {
      if (!header) {
        header = record;
        sources = matchHeader({ header, columns, requiredFields: template.requiredFields, name: text.name });
        continue;
      }
      // The parser counts lines up to where a record ends; a quoted value may span several.
      const row = info.lines - record.reduce((sum, cell) => sum + countNewlines(cell), 0);
      if (record.length !== header.length) {
        yield {
          row,
          issues: [
            {
              field: '*',
              value: record.join(delimiter),
              reason: `row has ${record.length} cells but the header has ${header.length}; quote values that contain "${delimiter === '\t' ? 'tab' : delimiter}" and remove extra delimiters`,
            },
          ],
        };
        continue;
      }
      yield { row, values: Object.fromEntries(sources.map(({ field, index }) => [field, record[index]])) };
    }
  } catch (error) {
    if (error instanceof CsvError) throw csvInputError(error, text.name);
    throw error;
  }
  if (!header) {
    throw new InputError({
      problem: 'The records file is empty',
      value: text.name,
      fix: 'Export the records again, with a header row and one row per debtor',
    });
  }
}

function countNewlines(cell: string): number {
  let count = 0;
  for (let at = cell.indexOf('\n'); at !== -1; at = cell.indexOf('\n', at + 1)) count += 1;
  return count;
}

function csvInputError(error: CsvError, name: string): InputError {
  const line = typeof error.lines === 'number' ? ` near line ${error.lines}` : '';
  const unclosed = error.code === 'CSV_QUOTE_NOT_CLOSED';
  return new InputError({
    problem: unclosed
      ? `The CSV file has a quote that is never closed${line}`
      : `The CSV file cannot be parsed${line}: ${error.message}`,
    value: name,
    fix: 'Wrap values that contain quotes, delimiters or line breaks in double quotes, and double any quote inside them ("")',
    cause: error,
  });
}
