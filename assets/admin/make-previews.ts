// "Preview three pages": the first recipients' pages built as each debtor will see them, before
// anything is rendered, shown in phone-sized frames. The frames name the record id and row only.
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
    frames.replaceChildren(
      ...previews.map((preview) =>
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
    line.textContent = `${previews.length} page${previews.length === 1 ? '' : 's'} shown as the debtors will see them.`;
  }

  byId('previews-make').addEventListener('click', () => {
    show().catch((error: unknown) => (line.textContent = describeRefusal(error)));
  });

  return {
    clear(): void {
      frames.replaceChildren();
      line.textContent = '';
    },
  };
}
