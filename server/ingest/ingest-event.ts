import type { BaseRecord } from '../../templates/template-definition.ts';

/** Why a record was refused: the field at fault (`*` for the whole record), its raw value and how to fix it. */
export type RejectIssue = { field: string; value: string; reason: string };

/**
 * The outcome of one record of a records file. `row` is what the user can find in the file:
 * the spreadsheet line for CSV, the 1-based element for a JSON array, the line for NDJSON.
 */
export type IngestEvent<R = BaseRecord> =
  { kind: 'accepted'; row: number; record: R } | { kind: 'rejected'; row: number; issues: RejectIssue[] };
