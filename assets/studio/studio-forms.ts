import { byId, el } from '../shared/dom.ts';
import type { Problem, StudioTemplate } from './studio-types.ts';

/** The record form's controls: one per record field. */
export function getRecordControls(): (HTMLInputElement | HTMLSelectElement)[] {
  return [...byId('record-form').querySelectorAll<HTMLInputElement | HTMLSelectElement>('input, select')];
}

/** One input per record field, from the JSON Schema of the template's zod schema (locale is picked above, copy below). */
export function buildRecordForm(options: { template: StudioTemplate }): void {
  const { template } = options;
  const properties = template.recordSchema.properties ?? {};
  const rows = template.fields.flatMap((name) => {
    const schema = properties[name];
    if (name === 'locale' || !schema) return [];
    const id = `field-${name}`;
    const required = template.requiredFields.includes(name);
    const described = { id, name, 'aria-describedby': `${id}-error`, 'aria-required': required ? 'true' : undefined };
    const control = schema.enum
      ? el('select', described, ...schema.enum.map((value) => el('option', { value }, value)))
      : el('input', {
          ...described,
          type: 'text',
          inputmode: schema.type === 'number' ? 'decimal' : 'text',
          maxlength: schema.maxLength || 500,
        });
    return [
      el('label', { for: id }, name + (required ? ' *' : ''), control),
      el('p', { id: `${id}-error`, class: 'field-error', 'data-error-for': name }),
    ];
  });
  byId('record-form').replaceChildren(...rows);
}

// A copy key as people read it: its name, and the placeholders its text may use.
function drawCopyLabel(options: { template: StudioTemplate; key: string }): HTMLElement[] {
  const label = options.template.copyLabels[options.key] ?? { name: options.key, placeholders: [] };
  const hint = label.placeholders.length > 0 ? ` — may use ${label.placeholders.join(', ')}` : '';
  return [el('span', { class: 'copy-name' }, label.name), el('span', { class: 'copy-hint' }, hint)];
}

/** One text box per copy key of the locale; `edits` are the texts that differ from the built-in copy. */
export function buildCopyForm(options: {
  template: StudioTemplate;
  locale: string;
  edits: Record<string, string>;
}): void {
  const { template, locale, edits } = options;
  const builtIn = template.copy[locale] ?? {};
  byId('copy-locale').textContent = `(${locale})`;
  const rows = Object.entries(builtIn).flatMap(([key, text]) => {
    const id = `copy-${key}`;
    const box = el('textarea', { id, name: key, rows: 1, 'aria-describedby': `${id}-error` });
    box.value = edits[key] ?? text;
    return [
      el('label', { for: id, 'data-copy-key': key }, ...drawCopyLabel({ template, key }), box),
      el('p', { id: `${id}-error`, class: 'field-error', 'data-error-for': `copy.${key}` }),
    ];
  });
  byId('copy-form').replaceChildren(...rows);
}

/** Marks each problem at its field (or on the status line if the form has no such field); none clears the marks. */
export function showProblems(options: { problems: Problem[]; setStatus: (text: string) => void }): void {
  for (const node of document.querySelectorAll('[data-error-for]')) node.textContent = '';
  for (const node of document.querySelectorAll('[aria-invalid]')) node.removeAttribute('aria-invalid');
  for (const problem of options.problems) {
    const target = document.querySelector(`[data-error-for="${CSS.escape(problem.field)}"]`);
    const text = problem.problem + (problem.fix ? `; ${problem.fix}` : '');
    if (!target) {
      options.setStatus(`${problem.field}: ${text}`);
      continue;
    }
    target.textContent = target.textContent ? `${target.textContent} ${text}` : text;
    document.getElementById(target.id.replace(/-error$/, ''))?.setAttribute('aria-invalid', 'true');
  }
}
