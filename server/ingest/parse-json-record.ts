import { isNestedTooDeep, tooDeepReason } from '../storable-text.ts';
import type { RawRow } from './raw-row.ts';
import { pickValues } from './pick-values.ts';
import type { Column } from './resolve-columns.ts';

/**
 * Turns the text of one JSON record (an array element or an NDJSON line) into a raw row, or
 * into an issue when it is not valid JSON or not an object. `what` names it in the reason.
 */
export function parseJsonRecord(options: {
  text: string;
  row: number;
  what: string;
  columns: readonly Column[];
}): RawRow {
  const { text, row, what, columns } = options;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const detail = error instanceof Error ? `: ${error.message}` : '';
    return { row, issues: [{ field: '*', value: text, reason: `${what} is not valid JSON${detail}; fix the syntax` }] };
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    const kind = value === null ? 'null' : Array.isArray(value) ? 'an array' : `a ${typeof value}`;
    return {
      row,
      issues: [
        {
          field: '*',
          value: text.trim(),
          reason: `${what} is ${kind}, not an object; write each record as {"id": "...", "name": "...", ...}`,
        },
      ],
    };
  }
  // Deep nesting is refused before anything walks the record recursively (and overflows the stack).
  if (isNestedTooDeep(value))
    return { row, issues: [{ field: '*', value: text.trim(), reason: `${what} ${tooDeepReason}` }] };
  return { row, values: pickValues({ object: value as Record<string, unknown>, columns }) };
}
