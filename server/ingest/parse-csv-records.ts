import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { CsvError, parse, type Info } from 'csv-parse';
import { InputError } from '../errors.ts';
import { normalizeNewlines } from './normalize-newlines.ts';
import type { TextSource } from './open-text.ts';
import { sniffDelimiter, type Delimiter } from './sniff-delimiter.ts';

/** One parsed CSV record with the parser's line count at its end. */
export type CsvRecord = { record: string[]; info: Info };

/**
 * Parses a CSV text as the ingest reads it: the delimiter sniffed from the header line, CRLF and
 * CR taken as LF, blank lines and rows of bare delimiters (Excel leaves them under the data)
 * skipped, rows of any cell count handed over. A parse error surfaces as InputError naming the line.
 */
export function parseCsvRecords(options: { text: TextSource }): {
  delimiter: Delimiter;
  records: AsyncGenerator<CsvRecord>;
} {
  const { text } = options;
  const delimiter = sniffDelimiter({ head: text.head });
  const parser = parse({
    delimiter,
    info: true,
    relax_column_count: true,
    relax_quotes: true,
    skip_empty_lines: true,
    skip_records_with_empty_values: true,
  });
  const done = pipeline(Readable.from(normalizeNewlines({ chunks: text.chunks })), parser);
  // Read through the iterator below; this only keeps an early stop from surfacing as unhandled.
  done.catch(() => undefined);
  async function* records(): AsyncGenerator<CsvRecord> {
    try {
      yield* parser as AsyncIterable<CsvRecord>;
    } catch (error) {
      if (error instanceof CsvError) throw csvInputError(error, text.name);
      throw error;
    }
  }
  return { delimiter, records: records() };
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
