import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { createRecordChecker } from './create-record-checker.ts';
import type { IngestEvent } from './ingest-event.ts';
import { openText, type RecordsSource } from './open-text.ts';
import { pickFormat } from './pick-format.ts';
import type { RawRow } from './raw-row.ts';
import { readCsvRows } from './read-csv-rows.ts';
import { readJsonRows } from './read-json-rows.ts';
import { readNdjsonRows } from './read-ndjson-rows.ts';
import { resolveColumns } from './resolve-columns.ts';

/**
 * Streams a records file: yields one event per record, in file order.
 *
 * CSV (comma, semicolon or tab), a JSON array or NDJSON, in UTF-8 or Windows-1252, picked by
 * extension or sniffed. `mapping` says which column feeds a template field (field -> column);
 * unmapped fields read the column named like them. Values are only parsed by the template's
 * schema. Every record read yields exactly one event, `accepted` or `rejected`; problems with
 * the file as a whole (missing, empty, unreadable, required columns absent) throw InputError.
 */
export async function* readRecords(options: {
  source: RecordsSource;
  template: TemplateDefinition;
  mapping?: Record<string, string>;
  /** Values for blank cells, e.g. `{ locale: 'en-GB' }` from the campaign. */
  defaults?: Record<string, string>;
}): AsyncGenerator<IngestEvent> {
  const { source, template, mapping } = options;
  const columns = resolveColumns({ template, mapping });
  const text = await openText({ source });
  try {
    const format = pickFormat({ name: text.name, head: text.head });
    const rows: AsyncIterable<RawRow> =
      format === 'csv'
        ? readCsvRows({ text, columns, template })
        : format === 'json'
          ? readJsonRows({ text, columns })
          : readNdjsonRows({ text, columns });
    const check = createRecordChecker({ template, encoding: text.encoding, defaults: options.defaults });
    for await (const row of rows) yield check(row);
  } finally {
    await text.close();
  }
}
