// One debtor as the "Find a debtor" section shows them: state, personal link, the events counted
// and those not counted, what they sent, what they paid. Every value goes in as text, never as markup.
import { el } from '../shared/dom.ts';
import { when } from '../shared/when.ts';

/** One stored event of `/api/campaigns/:id/recipients/:recordId`. */
export type DebtorEvent = { type: string; at: string; flagged: string | null };

/** `/api/campaigns/:id/recipients/:recordId`, the fields shown. */
export type DebtorDetail = {
  campaignId: string;
  campaignStatus: string;
  recordId: string;
  row: number;
  locale: string;
  status: string;
  error: string | null;
  retryable: boolean | null;
  attempts: number;
  optedOut: boolean;
  deliveredAt: string | null;
  link: string;
  hold: string[];
  timeline: { counted: DebtorEvent[]; flagged: DebtorEvent[]; more: boolean };
  responses: { id: number; kind: string; data: Record<string, unknown>; createdAt: string; status: string }[];
  payments: { paymentId: string; amount: number; currency: string | null; paidAt: string; source: string }[];
};

const eventNames: Record<string, string> = {
  open: 'Opened the e-mail',
  view: 'Opened the page',
  play: 'Played the video',
  complete: 'Watched to the end',
  click_pay: 'Clicked Pay now',
  click_plan: 'Clicked Payment plan',
  plan_chosen: 'Chose a plan',
  opt_out: 'Opted out',
  gate_passed: 'Passed the privacy check',
  form_paid: 'Said they already paid',
  form_dispute: 'Disputed the debt',
  form_callback: 'Asked for a call back',
  survey: 'Answered the survey',
  click_hotspot: 'Clicked in the video',
  watched: 'Watched (seconds)',
};
const flagNames: Record<string, string> = {
  scanner: 'Scanner, preview or script',
  head: 'HEAD request (a link check)',
  too_soon: 'Too soon after delivery, without a page view',
  preview: 'Preview',
};
const holdNames: Record<string, string> = { paid_claim: 'says already paid', dispute: 'disputes the debt' };
const kindNames: Record<string, string> = {
  paid: 'Already paid',
  dispute: 'Dispute',
  callback: 'Call back',
  survey: 'Survey',
};

const eventName = (type: string) =>
  eventNames[type] ?? (/^progress_(\d+)$/.exec(type) ? `Watched ${type.slice(9)} %` : type);

/** A table with column headers and rows of cells, or a line saying there is nothing, with a heading. */
function table(options: { id: string; title: string; head: string[]; rows: (Node | string)[][] }): HTMLElement {
  const heading = el('h4', { id: `${options.id}-title` }, options.title);
  if (options.rows.length === 0) return el('div', { id: options.id }, heading, el('p', { class: 'hint' }, 'None.'));
  return el(
    'div',
    { id: options.id },
    heading,
    el(
      'div',
      { class: 'debtor-scroll' },
      el(
        'table',
        { 'aria-labelledby': `${options.id}-title` },
        el('thead', {}, el('tr', {}, ...options.head.map((name) => el('th', { scope: 'col' }, name)))),
        el('tbody', {}, ...options.rows.map((cells) => el('tr', {}, ...cells.map((cell) => el('td', {}, cell))))),
      ),
    ),
  );
}

const describeData = (data: Record<string, unknown>) =>
  Object.entries(data)
    .filter(([, value]) => value !== null && value !== undefined && value !== '')
    .map(([name, value]) => `${name}: ${typeof value === 'string' ? value : JSON.stringify(value)}`)
    .join('; ');

const money = (amount: number, currency: string | null) =>
  currency ? new Intl.NumberFormat('en-GB', { style: 'currency', currency }).format(amount) : amount.toFixed(2);

/** The state of the debtor as a list of terms (each value marked with `data-field`). */
function stateList(detail: DebtorDetail): HTMLDListElement {
  const status = detail.error ? `${detail.status}: ${detail.error}` : detail.status;
  const hold = detail.hold.map((reason) => holdNames[reason] ?? reason).join(', ');
  const items: [string, string, Node | string][] = [
    ['status', 'Status', status],
    ['campaign', 'Campaign', `${detail.campaignId} (${detail.campaignStatus})`],
    ['row', 'Row of the records file', String(detail.row)],
    ['locale', 'Language', detail.locale],
    ['attempts', 'Renders tried', String(detail.attempts)],
    ['delivered', 'Link delivered', detail.deliveredAt ? when(detail.deliveredAt) : 'not reported'],
    ['opted-out', 'Opted out', detail.optedOut ? 'yes: no more reminders' : 'no'],
    ['hold', 'Reminders', hold ? `held: ${hold}` : 'not held'],
  ];
  return el(
    'dl',
    { class: 'debtor-state' },
    ...items.flatMap(([field, term, value]) => [el('dt', {}, term), el('dd', { 'data-field': field }, value)]),
  );
}

/** The debtor's state, events, responses and payments; the link and the actions are the caller's. */
export function showDebtor(detail: DebtorDetail): HTMLElement[] {
  const more = detail.timeline.more ? el('p', { class: 'hint' }, 'Only the latest 500 events are shown.') : null;
  return [
    stateList(detail),
    table({
      id: 'debtor-counted',
      title: 'What they did (counted)',
      head: ['When', 'Event'],
      rows: detail.timeline.counted.map((event) => [when(event.at), eventName(event.type)]),
    }),
    table({
      id: 'debtor-flagged',
      title: 'Not counted (scanners, previews, HEAD, too soon after delivery)',
      head: ['When', 'Event', 'Why not counted'],
      rows: detail.timeline.flagged.map((event) => [
        when(event.at),
        eventName(event.type),
        flagNames[event.flagged ?? ''] ?? event.flagged ?? '',
      ]),
    }),
    ...(more ? [more] : []),
    table({
      id: 'debtor-responses',
      title: 'What they sent',
      head: ['When', 'Form', 'Details', 'Status'],
      rows: detail.responses.map((response) => [
        when(response.createdAt),
        kindNames[response.kind] ?? response.kind,
        describeData(response.data),
        response.status,
      ]),
    }),
    table({
      id: 'debtor-payments',
      title: 'Payments',
      head: ['Paid', 'Amount', 'Payment id', 'Reported by'],
      rows: detail.payments.map((payment) => [
        when(payment.paidAt),
        money(payment.amount, payment.currency),
        payment.paymentId,
        payment.source === 'webhook' ? 'payment provider' : 'imported file',
      ]),
    }),
  ];
}
