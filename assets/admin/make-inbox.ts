// The dashboard's inbox: what debtors sent from their pages (already paid, disputes, call-back
// requests) for the selected campaign, newest first, each open or handled with who and when; a
// claim or dispute holds reminders until someone releases it. Every value goes in as text, never as markup.
import { describeError } from '../shared/describe-error.ts';
import { byId, el } from '../shared/dom.ts';
import { when } from '../shared/when.ts';
import type { AdminApi, HandledBy, InboxResponse } from './admin-types.ts';
import { campaignPath } from './campaign-path.ts';

type Action = 'handle' | 'reopen' | 'release';

const kindNames: Record<string, string> = { paid: 'Already paid', dispute: 'Dispute', callback: 'Call back' };
const holds: Record<string, string> = { paid: 'paid_claim', dispute: 'dispute' };
const done: Record<Action, string> = { handle: 'Marked handled: ', reopen: 'Reopened: ', release: 'Hold released: ' };
const reasons: Record<string, string> = {
  not_mine: 'not mine',
  wrong_amount: 'wrong amount',
  service_issue: 'service issue',
  other: 'other',
};

const kindName = (response: InboxResponse) => kindNames[response.kind] ?? response.kind;
const byWhom = (by: HandledBy | null) => `${by?.name ? `${by.name} with ` : ''}${by?.key}`;

/** When, to the minute. */
const at = (iso: string) => when(iso, 'short');

function describe(response: InboxResponse): string {
  const data = response.data ?? {};
  if (response.kind === 'paid') return `Paid on ${data.paidOn}${data.reference ? `, reference ${data.reference}` : ''}`;
  if (response.kind === 'dispute')
    return `Reason: ${(data.reason && reasons[data.reason]) || data.reason}${data.details ? ` — ${data.details}` : ''}`;
  return `Call ${data.phone} on ${data.preferredDate}, ${data.preferredWindow}`;
}

function query(): string {
  const params = new URLSearchParams({ kind: byId<HTMLSelectElement>('inbox-kind').value });
  const status = byId<HTMLSelectElement>('inbox-status').value;
  if (status) params.set('status', status);
  return `?${params.toString()}`;
}

/**
 * The inbox of the dashboard, reading through its admin API. `load(campaignId)` shows that
 * campaign's responses, redrawing only when something changed.
 */
export function makeInbox(options: {
  api: AdminApi;
  download: (kind: string, query?: string) => void;
  status: (text: string) => void;
}) {
  const { api } = options;
  const state: { campaignId: string | null; shown: string | null } = { campaignId: null, shown: null };
  const responsesPath = () => `${campaignPath(state.campaignId ?? '')}/responses${query()}`;

  function actionButton(response: InboxResponse, action: Action, label: string): HTMLButtonElement {
    const button = el('button', { type: 'button', 'data-action': action }, label);
    button.addEventListener('click', () => act(response, action, button));
    return button;
  }

  // A claim or dispute holds the recipient's reminders until an operator releases it (handling does not).
  function drawHold(response: InboxResponse): HTMLElement {
    if (response.holdReleasedAt) {
      return el(
        'p',
        { class: 'inbox-hold', 'data-hold': 'released' },
        `Hold released by ${byWhom(response.holdReleasedBy)}, `,
        at(response.holdReleasedAt),
        ': reminders may resume unless another claim holds them.',
      );
    }
    const text = `No reminders: hold ${holds[response.kind]} in links.csv and the delivery kit. `;
    return el(
      'p',
      { class: 'inbox-hold', 'data-hold': 'holding' },
      text,
      actionButton(response, 'release', 'Release hold'),
    );
  }

  function drawItem(response: InboxResponse): HTMLElement {
    const head = el(
      'p',
      { class: 'inbox-head' },
      el('strong', {}, kindName(response)),
      ` · ${response.recordId} · received `,
      at(response.createdAt),
    );
    const handled = response.status === 'handled';
    const line = handled
      ? el(
          'p',
          { class: 'inbox-state' },
          el('span', { class: 'badge handled' }, 'Handled'),
          ` by ${byWhom(response.handledBy)}, `,
          at(response.handledAt ?? ''),
        )
      : el('p', { class: 'inbox-state' }, el('span', { class: 'badge open' }, 'Open'));
    line.append(
      ' ',
      handled ? actionButton(response, 'reopen', 'Reopen') : actionButton(response, 'handle', 'Mark handled'),
    );
    return el(
      'li',
      { class: `inbox-item ${response.status}`, 'data-id': response.id, 'data-status': response.status },
      head,
      el('p', { class: 'inbox-text' }, describe(response)),
      holds[response.kind] !== undefined && drawHold(response),
      line,
    );
  }

  function draw(body: { responses: InboxResponse[]; next?: number }): void {
    byId('inbox-list').replaceChildren(...body.responses.map(drawItem));
    const shown = body.responses.length;
    const open = body.responses.filter((response) => response.status === 'open').length;
    byId('inbox-count').textContent =
      shown === 0
        ? 'Nothing here.'
        : `${shown} shown, ${open} open${body.next ? `; the newest ${shown} only, export the CSV for all.` : '.'}`;
  }

  async function load(campaignId: string, force = false): Promise<void> {
    if (campaignId !== state.campaignId) {
      state.campaignId = campaignId;
      state.shown = null;
    }
    byId('inbox').hidden = false;
    byId('inbox-title').textContent = `Inbox of ${campaignId}: what debtors said`;
    const path = responsesPath();
    const body = await api<{ responses: InboxResponse[]; next?: number }>(path);
    // A late answer to an older filter or campaign is dropped.
    if (path !== responsesPath()) return;
    // Redrawn only when something changed, so a button is never swapped under the pointer.
    const key = path + JSON.stringify(body);
    if (!force && key === state.shown) return;
    state.shown = key;
    draw(body);
  }

  function act(response: InboxResponse, action: Action, button: HTMLButtonElement): void {
    button.disabled = true;
    const name = byId<HTMLInputElement>('inbox-by').value.trim();
    const init: RequestInit =
      action !== 'reopen'
        ? {
            method: 'POST',
            headers: { 'content-type': 'application/json' },
            body: JSON.stringify(name ? { by: name } : {}),
          }
        : { method: 'POST' };
    const campaignId = state.campaignId ?? '';
    api(`${campaignPath(campaignId)}/responses/${response.id}/${action}`, init)
      .then(() => {
        options.status(`${done[action]}${kindName(response)} from ${response.recordId}`);
        return load(campaignId, true);
      })
      .catch((error: unknown) => {
        button.disabled = false;
        options.status(describeError(error));
      });
  }

  const by = byId<HTMLInputElement>('inbox-by');
  by.value = localStorage.getItem('kindly-operator') || '';
  by.addEventListener('change', () => localStorage.setItem('kindly-operator', by.value.trim()));
  for (const id of ['inbox-kind', 'inbox-status']) {
    byId(id).addEventListener('change', () => {
      if (state.campaignId)
        load(state.campaignId, true).catch((error: unknown) => options.status(describeError(error)));
    });
  }
  byId('inbox-csv').addEventListener('click', () => options.download('responses', query()));

  return { load };
}
