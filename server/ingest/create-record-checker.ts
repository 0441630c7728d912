import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { findUnstorable } from '../storable-text.ts';
import type { IngestEvent, RejectIssue } from './ingest-event.ts';
import type { RawRow } from './raw-row.ts';
import { notUtf8Reason, type TextEncoding } from './sniff-encoding.ts';

/**
 * Makes the judge of one file's records: each raw row goes through the template's schema,
 * which alone parses values, and becomes exactly one event. The judge remembers ids (and only
 * ids) so a later row repeating one is refused; rows with a decoding replacement character in
 * a UTF-8 file are refused, since the file's start was UTF-8 but this row was not, and so
 * are values the store cannot hold (a NUL, half a surrogate pair).
 */
export function createRecordChecker(options: {
  template: TemplateDefinition;
  encoding: TextEncoding;
  /** Values for blank cells (a campaign's default locale, say), applied before the schema's own defaults. */
  defaults?: Record<string, string>;
}): (row: RawRow) => IngestEvent {
  const { template, encoding } = options;
  const defaults = Object.entries(options.defaults ?? {});
  const firstRowById = new Map<string, number>();
  return (raw) => {
    if ('issues' in raw) return { kind: 'rejected', row: raw.row, issues: raw.issues };
    const { row } = raw;
    const values = { ...raw.values };
    for (const [field, value] of defaults) if (asText(values[field]).trim() === '') values[field] = value;
    const issues: RejectIssue[] = [];
    if (encoding === 'utf-8') {
      for (const [field, value] of Object.entries(values)) {
        const text = asText(value);
        if (text.includes('\uFFFD')) issues.push({ field, value: text, reason: `${field} ${notUtf8Reason}` });
      }
    }
    for (const [field, value] of Object.entries(values)) {
      const found = findUnstorable(value);
      if (found && !issues.some((known) => known.field === field))
        issues.push({ field, value: asText(found.value), reason: `${field} ${found.problem}` });
    }
    const parsed = template.schema.safeParse(values);
    if (!parsed.success) {
      for (const issue of parsed.error.issues) {
        const field = issue.path.length > 0 ? String(issue.path[0]) : '*';
        if (issues.some((known) => known.field === field)) continue;
        issues.push({ field, value: field === '*' ? '' : asText(values[field]), reason: issue.message });
      }
    }
    const id = asText(values.id).trim();
    if (id !== '') {
      const first = firstRowById.get(id);
      if (first === undefined) firstRowById.set(id, row);
      else
        issues.push({
          field: 'id',
          value: id,
          reason: `duplicate id; first seen on row ${first}; keep one row per debtor`,
        });
    }
    if (issues.length > 0 || !parsed.success) return { kind: 'rejected', row, issues };
    return { kind: 'accepted', row, record: parsed.data };
  };
}

/** A raw value as the user wrote it; JSON numbers and objects are shown in JSON form. */
function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}
