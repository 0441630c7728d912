import { InputError } from '../errors.ts';
import type { TemplateDefinition } from '../../templates/template-definition.ts';

/** Where a template field comes from: `column` as the user wrote it, `key` as it is matched. */
export type Column = { field: string; column: string; key: string; mapped: boolean };

/** How column names and object keys are compared: spreadsheets vary in case and stray spaces. */
export const columnKey = (name: string): string =>
  name
    .replace(/^\uFEFF/, '')
    .trim()
    .toLowerCase();

/**
 * The column each template field reads: the mapped one, else the column named like the field.
 * Throws InputError when the mapping names fields the template does not have.
 */
export function resolveColumns(options: { template: TemplateDefinition; mapping?: Record<string, string> }): Column[] {
  const { template, mapping = {} } = options;
  const byKey = new Map(template.fields.map((field) => [columnKey(field), field]));
  const mapped = new Map<string, string>();
  const unknown: string[] = [];
  for (const [field, column] of Object.entries(mapping)) {
    const known = byKey.get(columnKey(field));
    if (known) mapped.set(known, column);
    else unknown.push(field);
  }
  if (unknown.length > 0) throw unknownFieldsError({ template, unknown });
  return template.fields.map((field) => {
    const column = mapped.get(field) ?? field;
    return { field, column, key: columnKey(column), mapped: mapped.has(field) };
  });
}

/** The error for a mapping that names fields the template does not have. */
export function unknownFieldsError(options: { template: TemplateDefinition; unknown: readonly string[] }): InputError {
  const { template, unknown } = options;
  return new InputError({
    problem: `The column mapping names fields that template ${template.id} does not have: ${unknown.join(', ')}`,
    value: unknown.join(', '),
    fix: `Map only these fields: ${template.fields.join(', ')}`,
  });
}
