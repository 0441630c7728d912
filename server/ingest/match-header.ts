import { InputError } from '../errors.ts';
import { columnKey, type Column } from './resolve-columns.ts';

/** A template field and the cell index that feeds it; fields without a column are left out. */
export type CellSource = { field: string; index: number };

/**
 * Finds each field's column in a CSV header, ignoring case and stray spaces. Throws InputError
 * when a required or explicitly mapped column is missing, or when a used column appears twice.
 */
export function matchHeader(options: {
  header: readonly string[];
  columns: readonly Column[];
  requiredFields: readonly string[];
  name: string;
}): CellSource[] {
  const { header, columns, requiredFields, name } = options;
  const keys = header.map(columnKey);
  const sources: CellSource[] = [];
  const missing: Column[] = [];
  const repeated: string[] = [];
  for (const column of columns) {
    const index = keys.indexOf(column.key);
    if (index === -1) {
      if (column.mapped || requiredFields.includes(column.field)) missing.push(column);
      continue;
    }
    if (keys.indexOf(column.key, index + 1) !== -1) repeated.push(column.column);
    sources.push({ field: column.field, index });
  }
  const available = header.map((cell) => cell.trim()).filter((cell) => cell !== '');
  const listed = available.length > 0 ? available.map((cell) => `"${cell}"`).join(', ') : 'none';
  if (missing.length > 0) {
    const names = missing.map((column) =>
      column.mapped ? `${column.field} (mapped to "${column.column}")` : column.field,
    );
    const example = missing.find((column) => !column.mapped)?.field ?? missing[0]?.field ?? 'field';
    throw new InputError({
      problem: `The records file has no column for ${names.join(', ')}`,
      value: name,
      fix: `Columns in the file: ${listed}. Rename the columns, or say which column holds each field with --map ${example}=Column`,
    });
  }
  if (repeated.length > 0) {
    throw new InputError({
      problem: `The records file has more than one column named ${repeated.join(', ')}`,
      value: name,
      fix: 'Rename or delete the extra columns so each field has one column',
    });
  }
  return sources;
}
