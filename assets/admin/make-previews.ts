// "Preview three pages": the first recipients' pages built as each debtor will see them, before
// anything is rendered, shown in phone-sized frames. The frames name the record id and row only,
// and show only the studio's own pages.
import { byId, el } from '../shared/dom.ts';
import type { AdminApi, RecipientPreview } from './admin-types.ts';
import { describeRefusal } from './describe-refusal.ts';
import { campaignPath } from './campaign-path.ts';

/** The preview part of the console; `setCampaign` clears the frames when the selection changes. */
export function makePreviews(options: { api: AdminApi; getCampaign: () => string | null }) {
  const frames = byId('previews');
  const line = byId('previews-status');

  async function show(): Promise<void> {
    const id = options.getCampaign();
    if (!id) return;
    line.textContent = 'Building the pages…';
    const { previews } = await options.api<{ previews: RecipientPreview[] }>(`${campaignPath(id)}/previews`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    if (id !== options.getCampaign()) return;
    // An address outside the studio's pages is not framed: the API names only those.
    const shown = previews.filter((preview) => preview.url.startsWith('/studio/site/'));
    frames.replaceChildren(
      ...shown.map((preview) =>
        el(
          'figure',
          { class: 'preview' },
          // Sandboxed as in the studio: the page runs its scripts, apart from the dashboard and its key.
          el('iframe', {
            src: preview.url,
            sandbox: 'allow-scripts',
            title: `Page of record ${preview.recordId} (row ${preview.row})`,
          }),
          el('figcaption', {}, `Record ${preview.recordId}, row ${preview.row}, ${preview.locale}`),
        ),
      ),
    );
    line.textContent = `${shown.length} page${shown.length === 1 ? '' : 's'} shown as the debtors will see them.`;
  }

  const button = byId<HTMLButtonElement>('previews-make');
  button.addEventListener('click', () => {
    button.disabled = true;
    show()
      .catch((error: unknown) => (line.textContent = describeRefusal(error)))
      .finally(() => (button.disabled = false));
  });

  return {
    clear(): void {
      frames.replaceChildren();
      line.textContent = '';
    },
  };
}
