// The mapping step of an upload: each template field (required ones marked) beside a choice of
// the file's columns, with the sample values of the chosen column. Column names and samples come
// from the operator's file: they go into the page as text only.
import { byId, el } from '../shared/dom.ts';
import type { FileColumns } from './admin-types.ts';

/** Which column feeds each field: every field that reads a column, as the upload's `map` takes it. */
export type ColumnMap = Record<string, string>;

/** The columns the API would read now (saved mapping or same-named column), as a `map`. */
export function readSuggestedMap(columns: FileColumns): ColumnMap {
  return Object.fromEntries(
    columns.fields.flatMap(({ field, column }) => (column === null ? [] : [[field, column] as const])),
  );
}

/** Whether any field reads a column named otherwise, so the upload needs its `map`. */
export function needsMap(columns: FileColumns): boolean {
  return columns.fields.some(({ field, column }) => column !== null && column !== field);
}

/** A mapping as one line of text: `field ← Column, …`. */
export function describeMap(map: ColumnMap): string {
  return Object.entries(map)
    .map(([field, column]) => `${field} ← ${column}`)
    .join(', ');
}

function drawField(options: {
  columns: FileColumns;
  field: FileColumns['fields'][number];
  index: number;
}): HTMLTableRowElement {
  const { field, columns, index } = options;
  const id = `map-${index}`;
  const select = el(
    'select',
    { id, 'data-field': field.field },
    // An optional field left empty still reads a column named like it (the API falls back to it).
    el('option', { value: '' }, field.required ? '— choose a column —' : `— the column named ${field.field}, if any —`),
    ...columns.columns.map((column) => el('option', { value: column.name }, column.name)),
  );
  select.value = field.column ?? '';
  const samples = el('td', { class: 'samples' });
  const showSamples = () =>
    samples.replaceChildren(
      ...(columns.columns.find((column) => column.name === select.value)?.samples ?? []).map((sample) =>
        el('span', { class: 'sample' }, sample),
      ),
    );
  select.addEventListener('change', showSamples);
  showSamples();
  return el(
    'tr',
    { 'data-field': field.field },
    el(
      'th',
      { scope: 'row' },
      el('label', { for: id }, field.field),
      field.required ? el('span', { class: 'required' }, ' (required)') : null,
    ),
    el('td', {}, select),
    samples,
  );
}

/**
 * Asks the operator which column feeds each field. Resolves with the chosen mapping on
 * "Upload", or null on "Cancel".
 */
export function askColumnMap(columns: FileColumns): Promise<ColumnMap | null> {
  const section = byId('mapping');
  const table = byId<HTMLTableElement>('mapping-table');
  table.tBodies[0]!.replaceChildren(...columns.fields.map((field, index) => drawField({ columns, field, index })));
  section.hidden = false;
  table.querySelector('select')?.focus();
  const confirm = byId('mapping-confirm');
  const cancel = byId('mapping-cancel');
  return new Promise((resolve) => {
    const finish = (map: ColumnMap | null) => {
      confirm.removeEventListener('click', onConfirm);
      cancel.removeEventListener('click', onCancel);
      section.hidden = true;
      resolve(map);
    };
    const onConfirm = () =>
      finish(
        Object.fromEntries(
          [...table.querySelectorAll<HTMLSelectElement>('select')]
            .filter((select) => select.value !== '')
            .map((select) => [select.dataset.field ?? '', select.value]),
        ),
      );
    const onCancel = () => finish(null);
    confirm.addEventListener('click', onConfirm);
    cancel.addEventListener('click', onCancel);
  });
}
