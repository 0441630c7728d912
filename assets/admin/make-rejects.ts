// The rejected rows of the selected campaign, a page at a time ("More" reads the next), each with
// its row, field, value and reason. Values come from the operator's file: text only.
import { byId, el } from '../shared/dom.ts';
import type { AdminApi, Reject } from './admin-types.ts';
import { describeRefusal } from './describe-refusal.ts';
import { campaignPath } from './campaign-path.ts';

const pageSize = 100;

/** The rejects table of the console; `load(id)` shows the first page of that campaign's rejects. */
export function makeRejects(options: { api: AdminApi }) {
  const body = byId<HTMLTableElement>('rejects-table').tBodies[0]!;
  const more = byId<HTMLButtonElement>('rejects-more');
  const count = byId('rejects-count');
  const state: { id: string | null; next: number | null } = { id: null, next: null };

  async function readPage(after: number | null): Promise<void> {
    const id = state.id;
    if (!id) return;
    const query = new URLSearchParams({ limit: String(pageSize) });
    if (after !== null) query.set('after', String(after));
    const page = await options.api<{ rejects: Reject[]; next: number | null }>(
      `${campaignPath(id)}/rejects?${query.toString()}`,
    );
    if (id !== state.id) return;
    const rows = page.rejects.map((reject) =>
      el(
        'tr',
        { 'data-row': reject.row },
        el('td', {}, String(reject.row)),
        el('td', {}, reject.field),
        el('td', { class: 'value' }, reject.value),
        el('td', {}, reject.reason),
      ),
    );
    if (after === null) body.replaceChildren(...rows);
    else body.append(...rows);
    state.next = page.next;
    more.hidden = page.next === null;
    const shown = body.rows.length;
    count.textContent =
      shown === 0
        ? 'No rejected rows.'
        : `${shown} rejected row${shown === 1 ? '' : 's'} shown${page.next ? ', more to read' : ''}.`;
  }

  more.addEventListener('click', () => {
    // One page at a time: the same page twice would show its rows twice.
    more.disabled = true;
    readPage(state.next)
      .catch((error: unknown) => (count.textContent = describeRefusal(error)))
      .finally(() => (more.disabled = false));
  });

  return {
    load(id: string): void {
      state.id = id;
      state.next = null;
      readPage(null).catch((error: unknown) => (count.textContent = describeRefusal(error)));
    },
  };
}
