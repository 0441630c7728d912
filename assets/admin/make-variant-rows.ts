// The A/B variants of the campaign form: rows of id, template and weight, added and removed by
// the operator. The API judges them (two or more, ids that differ, weights above zero). Rows are
// numbered in order, again after each removal.
import { byId, el } from '../shared/dom.ts';
import type { TemplateSummary } from './admin-types.ts';

/** One variant as POST /api/campaigns takes it. */
export type VariantRow = { id: string; template: string; weight: number | string };

/**
 * The variant rows of `#cf-variants`. `read()` gives the rows as the API takes them (none: no
 * A/B test); a weight left empty is sent as 1, a weight that is not a number as it was typed.
 */
export function makeVariantRows(options: { getTemplates: () => TemplateSummary[] }) {
  const body = byId<HTMLTableElement>('cf-variants').tBodies[0]!;
  let made = 0;

  /** The labels name each row by its place: variant 1, 2… */
  function renumber(): void {
    [...body.rows].forEach((row, index) => {
      const number = index + 1;
      for (const control of row.querySelectorAll<HTMLElement>('[data-label]'))
        control.setAttribute('aria-label', (control.dataset.label ?? '').replace('#', String(number)));
    });
  }

  function addRow(): void {
    made += 1;
    const id = el('input', { 'data-label': 'Variant # id', autocomplete: 'off', value: `v${made}` });
    const template = el(
      'select',
      { 'data-label': 'Variant # template' },
      ...options.getTemplates().map((each) => el('option', { value: each.id }, each.title)),
    );
    const weight = el('input', { 'data-label': 'Variant # weight', inputmode: 'decimal', value: '1' });
    const remove = el('button', { type: 'button', 'data-label': 'Remove variant #' }, 'Remove');
    const row = el(
      'tr',
      { class: 'variant-row' },
      el('td', {}, id),
      el('td', {}, template),
      el('td', {}, weight),
      el('td', {}, remove),
    );
    remove.addEventListener('click', () => {
      row.remove();
      renumber();
      byId('cf-add-variant').focus();
    });
    body.append(row);
    renumber();
    id.focus();
  }

  function read(): VariantRow[] | undefined {
    const rows = [...body.rows].map((row) => {
      const [id, template, weight] = [...row.querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')];
      const typed = weight?.value.trim() ?? '';
      return {
        id: id?.value.trim() ?? '',
        template: template?.value ?? '',
        // Not a number: sent as typed, so the API's refusal names what was typed.
        weight: typed === '' ? 1 : Number.isFinite(Number(typed)) ? Number(typed) : typed,
      };
    });
    return rows.length > 0 ? rows : undefined;
  }

  byId('cf-add-variant').addEventListener('click', addRow);
  return { read, clear: () => body.replaceChildren() };
}
