import { InputError } from '../errors.ts';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { matchHeader, type CellSource } from './match-header.ts';
import { parseCsvRecords } from './parse-csv-records.ts';
import type { RawRow } from './raw-row.ts';
import type { Column } from './resolve-columns.ts';
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
  const { delimiter, records } = parseCsvRecords({ text });
  let header: string[] | undefined;
  let sources: CellSource[] = [];
  for await (const { record, info } of records) {
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
