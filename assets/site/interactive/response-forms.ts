import type { FormCopy } from '../../../templates/interactive/form-copy.ts';
import type { InteractiveCopy } from '../../../templates/interactive/interactive-copy.ts';
import {
  callbackDaysAhead,
  daysFromToday,
  formBodies,
  type FormKind,
} from '../../../templates/interactive/response-bodies.ts';
import { el } from '../../shared/dom.ts';
import { describeIssue, describeRefusal } from './form-messages.ts';
import { localToday } from './plan-selector.ts';
import { postJson } from './post-json.ts';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
type FieldSpec = { name: string; id: string; label: string; control: Control };
type Field = FieldSpec & { error: HTMLElement };

/** Whether the form's schema needs the field (zod marks optional fields `optin: 'optional'`). */
const isRequired = (kind: FormKind, name: string) =>
  (formBodies[kind].shape as Record<string, { _zod: { optin?: string } }>)[name]?._zod.optin !== 'optional';

/** A labelled control with its error line; a required field is marked in words and for assistive technology. */
function makeField(options: { spec: FieldSpec; required: boolean; requiredMark: string }): {
  field: Field;
  element: HTMLElement;
} {
  const { spec } = options;
  spec.control.id = spec.id;
  const error = el('p', { class: 'error', id: `${spec.id}-error` });
  spec.control.setAttribute('aria-describedby', error.id);
  if (options.required) {
    spec.control.required = true;
    spec.control.setAttribute('aria-required', 'true');
  }
  const mark =
    options.required && el('span', { class: 'required-mark', 'aria-hidden': 'true' }, ` ${options.requiredMark}`);
  return {
    field: { ...spec, error },
    element: el('div', { class: 'field' }, el('label', { for: spec.id }, spec.label, mark), spec.control, error),
  };
}

/**
 * One self-service form in a disclosure (`<details>`): fields, a send button and a live status.
 * The page checks the fields with the server's own rules before posting; a refused field is
 * marked (aria-invalid, its message linked by aria-describedby) in the page's language and
 * nothing is sent. Posts the fields as JSON to `<forms>/<kind>`; on success a thank-you.
 */
function makeResponseForm(options: {
  kind: FormKind;
  heading: string;
  fields: FieldSpec[];
  endpoint: string;
  copy: InteractiveCopy;
  formCopy: FormCopy;
  onSent: (kind: FormKind) => void;
}): HTMLDetailsElement {
  const { kind, formCopy } = options;
  const made = options.fields.map((spec) =>
    makeField({ spec, required: isRequired(kind, spec.name), requiredMark: formCopy.requiredMark }),
  );
  const fields = made.map(({ field }) => field);
  const status = el('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const button = el('button', { class: 'button primary', type: 'submit' }, options.copy.send);
  const form = el('form', { 'data-form': kind, novalidate: true }, ...made.map(({ element }) => element), button);

  const collect = () =>
    Object.fromEntries(
      fields.map(({ name, control }) => [name, control.value.trim() === '' ? undefined : control.value.trim()]),
    );
  const check = (values: Record<string, unknown>) => {
    const issues = new Map<string, string>();
    const parsed = formBodies[kind].safeParse(values);
    for (const issue of parsed.success ? [] : parsed.error.issues) {
      const name = String(issue.path[0] ?? '');
      const reason = issue.code === 'custom' ? String(issue.params?.reason ?? 'custom') : issue.code;
      if (!issues.has(name)) issues.set(name, describeIssue({ field: name, reason, copy: formCopy }));
    }
    return issues;
  };
  const mark = (field: Field, message: string | undefined) => {
    field.error.textContent = message ?? '';
    if (message) field.control.setAttribute('aria-invalid', 'true');
    else field.control.removeAttribute('aria-invalid');
  };
  const refuse = (issues: Map<string, string>) => {
    for (const field of fields) mark(field, issues.get(field.name));
    status.textContent = formCopy.checkFields;
    fields.find((field) => issues.has(field.name))?.control.focus();
  };

  // A marked field is checked again as it is corrected, so its message goes once it is right.
  form.addEventListener('input', (event) => {
    const field = fields.find(({ control }) => control === event.target);
    if (field?.control.getAttribute('aria-invalid') === 'true') mark(field, check(collect()).get(field.name));
  });
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const values = collect();
      const issues = check(values);
      if (issues.size > 0) return refuse(issues);
      for (const field of fields) mark(field, undefined);
      status.textContent = '';
      button.disabled = true;
      const answer = await postJson(`${options.endpoint}/${kind}`, values);
      button.disabled = false;
      if (answer.ok) {
        form.hidden = true;
        status.textContent = options.copy.sent;
        return options.onSent(kind);
      }
      const refusal = describeRefusal({ answer, copy: formCopy, fields: fields.map((field) => field.name) });
      if (refusal.field) return refuse(new Map([[refusal.field, refusal.message]]));
      status.textContent = refusal.message;
    })();
  });
  return el(
    'details',
    { id: `form-${kind}`, class: 'card response' },
    el('summary', {}, options.heading),
    form,
    status,
  );
}

const select = (name: string, choices: Record<string, string>) =>
  el('select', { name }, ...Object.entries(choices).map(([key, label]) => el('option', { value: key }, label)));

/** "I already paid", "Something is not right" and "Call me back" (its phone filled in from the record when it has one). */
export function makeResponseForms(options: {
  copy: InteractiveCopy;
  formCopy: FormCopy;
  endpoint: string;
  phone: string | undefined;
  onSent: (kind: FormKind) => void;
}): HTMLDetailsElement[] {
  const { copy } = options;
  const common = { copy, formCopy: options.formCopy, endpoint: options.endpoint, onSent: options.onSent };
  const today = localToday();
  // The picker offers only days the rules accept: they count days in UTC, the visitor in their own calendar.
  const firstCallbackDay = [today, daysFromToday(0)].sort()[1] ?? today;
  return [
    makeResponseForm({
      ...common,
      kind: 'paid',
      heading: copy.paidHeading,
      fields: [
        {
          name: 'paidOn',
          id: 'paid-date',
          label: copy.paidDate,
          control: el('input', { type: 'date', name: 'paidOn', min: daysFromToday(-730), max: today }),
        },
        {
          name: 'reference',
          id: 'paid-reference',
          label: copy.paidReference,
          control: el('input', { type: 'text', name: 'reference', maxlength: '100', autocomplete: 'off' }),
        },
      ],
    }),
    makeResponseForm({
      ...common,
      kind: 'dispute',
      heading: copy.disputeHeading,
      fields: [
        {
          name: 'reason',
          id: 'dispute-reason',
          label: copy.disputeReason,
          control: select('reason', copy.disputeReasons),
        },
        {
          name: 'details',
          id: 'dispute-details',
          label: copy.disputeDetails,
          control: el('textarea', { name: 'details', rows: '4', maxlength: '2000' }),
        },
      ],
    }),
    makeResponseForm({
      ...common,
      kind: 'callback',
      heading: copy.callbackHeading,
      fields: [
        {
          name: 'phone',
          id: 'callback-phone',
          label: copy.callbackPhone,
          control: el('input', { type: 'tel', name: 'phone', autocomplete: 'tel', value: options.phone }),
        },
        {
          name: 'preferredDate',
          id: 'callback-date',
          label: copy.callbackDate,
          control: el('input', {
            type: 'date',
            name: 'preferredDate',
            min: firstCallbackDay,
            max: daysFromToday(callbackDaysAhead),
          }),
        },
        {
          name: 'preferredWindow',
          id: 'callback-window',
          label: copy.callbackWindow,
          control: select('preferredWindow', copy.callbackWindows),
        },
      ],
    }),
  ];
}
