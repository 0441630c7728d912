import { InputError } from '../errors.ts';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { columnKey, unknownFieldsError } from './resolve-columns.ts';

const mapFix =
  'Write it as field=Column pairs separated by commas, like --map name="Full Name",amount=Balance; for column names with commas use a JSON mapping file';

/**
 * Reads which column of a records file feeds which template field, from `--map` text
 * (`name=Full Name,amount=Balance`) and/or a JSON file (`{"name": "Full Name"}`); the text wins
 * where both name a field. Field names are matched ignoring case and returned as the template
 * spells them. Throws InputError naming malformed entries, unknown or repeated fields.
 */
export function parseMapping(options: {
  text?: string;
  fileContents?: string;
  template: TemplateDefinition;
}): Record<string, string> {
  const { text, fileContents, template } = options;
  const fromFile = fileContents === undefined ? [] : fileEntries(fileContents);
  const fromText = text === undefined ? [] : textEntries(text);
  const byKey = new Map(template.fields.map((field) => [columnKey(field), field]));
  const unknown = [...fromFile, ...fromText].filter(([field]) => !byKey.has(columnKey(field))).map(([field]) => field);
  if (unknown.length > 0) throw unknownFieldsError({ template, unknown });
  const canonical = (entries: [string, string][]) =>
    entries.map(([name, column]): [string, string] => [byKey.get(columnKey(name)) ?? name, column]);
  const file = canonical(fromFile);
  const typed = canonical(fromText);
  for (const entries of [file, typed]) {
    const fields = entries.map(([field]) => field);
    const repeated = [...new Set(fields.filter((field, index) => fields.indexOf(field) !== index))];
    if (repeated.length > 0) {
      throw new InputError({
        problem: `The column mapping names ${repeated.join(', ')} more than once`,
        value: entries === file ? fileContents : text,
        fix: 'Map each field to one column',
      });
    }
  }
  return Object.fromEntries([...file, ...typed]);
}

function textEntries(text: string): [string, string][] {
  const entries: [string, string][] = [];
  const bad: string[] = [];
  for (const piece of text.split(',')) {
    if (piece.trim() === '') continue;
    const at = piece.indexOf('=');
    const field = piece.slice(0, Math.max(at, 0)).trim();
    const column = unquote(piece.slice(at + 1).trim());
    if (at === -1 || field === '' || column === '') bad.push(piece.trim());
    else entries.push([field, column]);
  }
  if (bad.length > 0) {
    throw new InputError({
      problem: `The column mapping has entries that are not field=Column: ${bad.join(', ')}`,
      value: text,
      fix: mapFix,
    });
  }
  return entries;
}

function fileEntries(contents: string): [string, string][] {
  const fix =
    'Write the mapping file as a JSON object of field to column, like {"name": "Full Name", "amount": "Balance"}';
  let value: unknown;
  try {
    value = JSON.parse(contents.replace(/^\uFEFF/, ''));
  } catch (error) {
    throw new InputError({ problem: 'The mapping file is not valid JSON', value: contents, fix, cause: error });
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new InputError({ problem: 'The mapping file is not a JSON object', value: contents, fix });
  }
  const entries = Object.entries(value);
  const bad = entries.filter(
    ([field, column]) => field.trim() === '' || typeof column !== 'string' || column.trim() === '',
  );
  if (bad.length > 0) {
    throw new InputError({
      problem: `The mapping file has entries whose column is not a name: ${bad.map(([field]) => field).join(', ')}`,
      value: contents,
      fix,
    });
  }
  return entries.map(([field, column]) => [field.trim(), (column as string).trim()]);
}

/** Shells keep quotes in some setups; a column name never starts and ends with one. */
const unquote = (text: string): string => text.replace(/^"(.*)"$/s, '$1').replace(/^'(.*)'$/s, '$1');
