import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { columnKey } from './resolve-columns.ts';

/** A template field and the file column it would read now (null: none). */
export type FieldColumn = { field: string; required: boolean; column: string | null };

/**
 * Which column of a file each template field would read, in template order: the column named like
 * the field (ignoring case and stray spaces, as the ingest matches), else the saved mapping's
 * column when the file has it, else none; and the required fields left without a column.
 */
export function matchFileColumns(options: {
  template: TemplateDefinition;
  columns: readonly string[];
  savedMapping?: Record<string, string>;
}): { fields: FieldColumn[]; missing: string[] } {
  const { template, savedMapping } = options;
  const byKey = new Map<string, string>();
  for (const name of options.columns) if (!byKey.has(columnKey(name))) byKey.set(columnKey(name), name);
  const fields = template.fields.map((field) => {
    const saved = savedMapping?.[field];
    // A column named like the field says what it holds; the saved mapping fills in where none does.
    const column = byKey.get(columnKey(field)) ?? (saved === undefined ? undefined : byKey.get(columnKey(saved)));
    return { field, required: template.requiredFields.includes(field), column: column ?? null };
  });
  return {
    fields,
    missing: fields.filter((field) => field.required && field.column === null).map(({ field }) => field),
  };
}
