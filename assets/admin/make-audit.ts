// The dashboard's audit log (admins only): who did what, when, from where and with what outcome,
// newest first, filtered by user, campaign, action and dates, with CSV and NDJSON exports.
// Read-only: nothing here changes an entry. Every value goes in as text, never as markup.
import { describeError } from '../shared/describe-error.ts';
import { byId, el } from '../shared/dom.ts';
import { when } from '../shared/when.ts';
import type { AdminApi, AuditEntry } from './admin-types.ts';

const filters = ['user', 'campaign', 'action', 'from', 'to'] as const;

/** The filters as a query string; the dates are whole days in the browser's time zone (`to` included). */
function filterQuery(): URLSearchParams {
  const params = new URLSearchParams();
  for (const name of filters) {
    const value = byId<HTMLInputElement>(`audit-${name}`).value.trim();
    if (!value) continue;
    if (name === 'from') params.set(name, new Date(`${value}T00:00`).toISOString());
    else if (name === 'to') params.set(name, new Date(new Date(`${value}T00:00`).getTime() + 86_400_000).toISOString());
    else params.set(name, value);
  }
  return params;
}

function drawEntry(entry: AuditEntry): HTMLTableRowElement {
  const at = when(entry.at);
  const who = `${entry.userName ?? ''}${entry.role ? ` (${entry.role})` : ''}`;
  const what = [entry.campaignId, entry.recordId, entry.detail].filter(Boolean).join(' · ');
  return el(
    'tr',
    { 'data-id': entry.id, 'data-outcome': entry.outcome },
    el('td', {}, at),
    el('td', {}, who),
    el('td', {}, entry.action),
    el('td', {}, what),
    el('td', {}, entry.address ?? ''),
    el('td', {}, `${entry.outcome}${entry.status ? ` (${entry.status})` : ''}`),
  );
}

/**
 * The audit section of the dashboard, reading through its admin API. `load()` shows the newest
 * entries matching the filters; "Older" adds the next page.
 */
export function makeAudit(options: { api: AdminApi; status: (text: string) => void }) {
  const { api } = options;
  const state: { next: string | undefined } = { next: undefined };

  async function readPage(before?: string): Promise<void> {
    const params = filterQuery();
    params.set('limit', '50');
    if (before) params.set('before', before);
    const page = await api<{ entries: AuditEntry[]; next?: string }>(`/api/audit?${params.toString()}`);
    const rows = page.entries.map(drawEntry);
    const body = byId<HTMLTableElement>('audit-entries').tBodies[0]!;
    if (before) body.append(...rows);
    else body.replaceChildren(...rows);
    state.next = page.next;
    byId('audit-older').hidden = !page.next;
    byId('audit-count').textContent = `${body.rows.length} entr${body.rows.length === 1 ? 'y' : 'ies'} shown`;
  }

  async function load(): Promise<void> {
    await readPage();
  }

  function exportAs(format: 'csv' | 'ndjson'): void {
    const query = filterQuery().toString();
    api<string>(`/api/audit.${format}${query ? `?${query}` : ''}`).then(
      (text) => {
        const link = el('a', { download: `audit.${format}` });
        link.href = URL.createObjectURL(
          new Blob([text], { type: format === 'csv' ? 'text/csv' : 'application/x-ndjson' }),
        );
        link.click();
      },
      (error: unknown) => options.status(describeError(error)),
    );
  }

  byId('audit-filters').addEventListener('submit', (event) => {
    event.preventDefault();
    load().catch((error: unknown) => options.status(describeError(error)));
  });
  byId('audit-older').addEventListener('click', () => {
    readPage(state.next).catch((error: unknown) => options.status(describeError(error)));
  });
  byId('audit-csv').addEventListener('click', () => exportAs('csv'));
  byId('audit-ndjson').addEventListener('click', () => exportAs('ndjson'));
  return { load };
}
