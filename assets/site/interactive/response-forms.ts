import type { InteractiveCopy } from '../../../templates/interactive/interactive-copy.ts';
import { fillCopy } from '../../../templates/format.ts';
import { el, field } from './dom.ts';
import { localToday } from './plan-selector.ts';
import { postJson } from './send-event.ts';

type FormKind = 'paid' | 'dispute' | 'callback';

/**
 * One self-service form in a disclosure (`<details>`): fields, a send button and a live status.
 * Posts the fields as JSON to `<forms>/<kind>`; on success the form gives way to a thank-you.
 */
function makeResponseForm(options: { kind: FormKind; heading: string; fields: HTMLElement[]; collect: (form: HTMLFormElement) => Record<string, unknown>; endpoint: string; copy: InteractiveCopy; onSent: () => void }): HTMLDetailsElement {
  const status = el('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const form = el('form', { 'data-form': options.kind, novalidate: true }, ...options.fields, el('button', { class: 'button primary', type: 'submit' }, options.copy.send));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    void (async () => {
      const button = form.querySelector('button');
      if (button) button.disabled = true;
      const response = await postJson(`${options.endpoint}/${options.kind}`, options.collect(form));
      if (button) button.disabled = false;
      if (response.ok) {
        form.hidden = true;
        status.textContent = options.copy.sent;
        options.onSent();
      } else {
        status.textContent = fillCopy(options.copy.sendFailed, { reason: String(response.body.error ?? response.status) });
      }
    })();
  });
  return el('details', { id: `form-${options.kind}`, class: 'card response' }, el('summary', {}, options.heading), form, status);
}

const value = (form: HTMLFormElement, name: string) => {
  const control = form.elements.namedItem(name) as HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement | null;
  const text = control?.value.trim() ?? '';
  return text === '' ? undefined : text;
};

const select = (name: string, choices: Record<string, string>) => el('select', { name }, ...Object.entries(choices).map(([key, label]) => el('option', { value: key }, label)));

/** "I already paid", "Something is not right" and "Call me back". */
export function makeResponseForms(options: { copy: InteractiveCopy; endpoint: string; onSent: () => void }): HTMLDetailsElement[] {
  const { copy } = options;
  const common = { copy, endpoint: options.endpoint, onSent: options.onSent };
  const today = localToday();
  return [
    makeResponseForm({
      ...common,
      kind: 'paid',
      heading: copy.paidHeading,
      fields: [
        field({ id: 'paid-date', label: copy.paidDate, control: el('input', { type: 'date', name: 'paidOn', max: today, required: true }) }),
        field({ id: 'paid-reference', label: copy.paidReference, control: el('input', { type: 'text', name: 'reference', maxlength: '100', autocomplete: 'off' }) }),
      ],
      collect: (form) => ({ paidOn: value(form, 'paidOn'), reference: value(form, 'reference') }),
    }),
    makeResponseForm({
      ...common,
      kind: 'dispute',
      heading: copy.disputeHeading,
      fields: [
        field({ id: 'dispute-reason', label: copy.disputeReason, control: select('reason', copy.disputeReasons) }),
        field({ id: 'dispute-details', label: copy.disputeDetails, control: el('textarea', { name: 'details', rows: '4', maxlength: '2000' }) }),
      ],
      collect: (form) => ({ reason: value(form, 'reason'), details: value(form, 'details') }),
    }),
    makeResponseForm({
      ...common,
      kind: 'callback',
      heading: copy.callbackHeading,
      fields: [
        field({ id: 'callback-phone', label: copy.callbackPhone, control: el('input', { type: 'tel', name: 'phone', autocomplete: 'tel', required: true }) }),
        field({ id: 'callback-date', label: copy.callbackDate, control: el('input', { type: 'date', name: 'preferredDate', min: today, required: true }) }),
        field({ id: 'callback-window', label: copy.callbackWindow, control: select('preferredWindow', copy.callbackWindows) }),
      ],
      collect: (form) => ({ phone: value(form, 'phone') ?? '', preferredDate: value(form, 'preferredDate'), preferredWindow: value(form, 'preferredWindow') }),
    }),
  ];
}
