// The dashboard's "Find a debtor" (operators and admins): an exact search by record id across
// campaigns, then one debtor's state, personal link (with a copy button), events counted and not,
// responses and payments, and two actions: render them again, and erase them after the operator
// types their record id. Every value goes in as text, never as markup.
import { byId, el } from '../shared/dom.ts';
import type { AdminApi } from './admin-types.ts';
import { mayMove } from './allowed-actions.ts';
import { describeRefusal } from './describe-refusal.ts';
import { showDebtor, type DebtorDetail } from './show-debtor.ts';
import { campaignPath } from './campaign-path.ts';

type Match = { campaignId: string; recordId: string; status: string };

const recipientPath = (campaignId: string, recordId: string) =>
  `${campaignPath(campaignId)}/recipients/${encodeURIComponent(recordId)}`;

/** The personal link in a read-only field, and a button that copies it. */
function linkField(link: string, say: (text: string) => void): HTMLElement {
  const input = el('input', { id: 'debtor-link', type: 'text', readonly: true, value: link, spellcheck: 'false' });
  const copy = el('button', { type: 'button', id: 'debtor-copy' }, 'Copy link');
  const selectInstead = () => {
    input.select();
    say('The browser did not copy the link: it is selected, copy it with Ctrl+C.');
  };
  copy.addEventListener('click', () => {
    // Only a secure page (https, or this machine) has the clipboard.
    if (!window.isSecureContext) return selectInstead();
    navigator.clipboard.writeText(link).then(() => say('Link copied.'), selectInstead);
  });
  return el(
    'div',
    { class: 'debtor-link' },
    el('label', { for: 'debtor-link' }, 'Personal link'),
    el('div', { class: 'debtor-link-row' }, input, copy),
  );
}

/** The erase form: its button stays disabled until the typed id is the debtor's record id. */
function eraseForm(recordId: string, onErase: () => Promise<void>): HTMLFormElement {
  const confirm = el('input', {
    id: 'debtor-erase-confirm',
    type: 'text',
    autocomplete: 'off',
    spellcheck: 'false',
    'aria-describedby': 'debtor-erase-hint',
  });
  const button = el('button', { type: 'submit', id: 'debtor-erase-button', class: 'danger', disabled: true }, 'Erase');
  confirm.addEventListener('input', () => (button.disabled = confirm.value !== recordId));
  const form = el(
    'form',
    { id: 'debtor-erase', class: 'debtor-erase', 'aria-labelledby': 'debtor-erase-title' },
    el('h4', { id: 'debtor-erase-title' }, 'Erase this debtor'),
    el(
      'p',
      { id: 'debtor-erase-hint', class: 'hint' },
      'Their page, video and personal data go for good; the counts stay, anonymous. Type their record id to confirm.',
    ),
    el('label', { for: 'debtor-erase-confirm' }, 'Record id'),
    el('div', { class: 'debtor-link-row' }, confirm, button),
  );
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    if (confirm.value !== recordId) return;
    button.disabled = true;
    void onErase().finally(() => (button.disabled = confirm.value !== recordId));
  });
  return form;
}

/**
 * The "Find a debtor" section, reading and acting through the admin API. It loads nothing until
 * the operator searches; its messages go to its own status line.
 */
export function makeDebtorSearch(options: { api: AdminApi }) {
  const { api } = options;
  const say = (text: string) => (byId('debtor-status').textContent = text);
  const detailBox = byId('debtor-detail');
  const matchList = byId('debtor-matches');
  /** Each search or opening takes a number: an answer to an older one is dropped. */
  let asked = 0;

  function showMatches(matches: Match[]): void {
    matchList.replaceChildren(
      ...matches.map((match) => {
        const button = el(
          'button',
          { type: 'button', 'data-campaign': match.campaignId },
          `${match.recordId} in ${match.campaignId} (${match.status})`,
        );
        button.addEventListener('click', () => void open(match));
        return el('li', {}, button);
      }),
    );
  }

  async function rerender(detail: DebtorDetail): Promise<void> {
    try {
      const answer = await api<{ campaign: { status: string } }>(
        `${recipientPath(detail.campaignId, detail.recordId)}/render`,
        { method: 'POST' },
      );
      say(`Rendering ${detail.recordId} again; the campaign is ${answer.campaign.status}.`);
      await open(detail);
    } catch (error) {
      say(`Not rendered again: ${describeRefusal(error)}`);
    }
  }

  async function erase(detail: DebtorDetail): Promise<void> {
    try {
      await api<string>(recipientPath(detail.campaignId, detail.recordId), { method: 'DELETE' });
      asked += 1;
      detailBox.hidden = true;
      detailBox.replaceChildren();
      // Only the erased match goes; the same record id in other campaigns stays listed.
      for (const button of matchList.querySelectorAll<HTMLElement>('button[data-campaign]'))
        if (button.dataset.campaign === detail.campaignId) button.closest('li')?.remove();
      say(`Erased ${detail.recordId} from ${detail.campaignId}: their page, video and personal data are gone.`);
    } catch (error) {
      say(`Not erased: ${describeRefusal(error)}`);
    }
  }

  function draw(detail: DebtorDetail): void {
    const again = el('button', { type: 'button', id: 'debtor-rerender' }, 'Render again');
    again.addEventListener('click', () => {
      again.disabled = true;
      void rerender(detail).finally(() => (again.disabled = false));
    });
    // The API renders one debtor again only while their campaign renders or is done.
    const mayRerender = mayMove({ status: detail.campaignStatus, action: 'rerender' });
    detailBox.replaceChildren(
      el('h3', { id: 'debtor-detail-title' }, `${detail.recordId} in ${detail.campaignId}`),
      linkField(detail.link, say),
      ...showDebtor(detail),
      el('h4', {}, 'Actions'),
      mayRerender
        ? el(
            'p',
            { class: 'actions' },
            again,
            ' ',
            el('span', { class: 'hint' }, 'Their video and page, at the same link.'),
          )
        : el(
            'p',
            { class: 'hint', id: 'debtor-rerender-closed' },
            `Their video and page can be rendered again once campaign ${detail.campaignId} is done (it is ${detail.campaignStatus}).`,
          ),
      eraseForm(detail.recordId, () => erase(detail)),
    );
    detailBox.hidden = false;
  }

  async function open(match: Pick<Match, 'campaignId' | 'recordId'>): Promise<void> {
    const number = (asked += 1);
    try {
      const detail = await api<DebtorDetail>(recipientPath(match.campaignId, match.recordId));
      if (number === asked) draw(detail);
    } catch (error) {
      if (number === asked) say(describeRefusal(error));
    }
  }

  async function search(recordId: string): Promise<void> {
    const number = (asked += 1);
    detailBox.hidden = true;
    detailBox.replaceChildren();
    let matches: Match[];
    try {
      ({ matches } = await api<{ matches: Match[] }>(`/api/recipients?${new URLSearchParams({ recordId })}`));
    } catch (error) {
      if (number === asked) say(describeRefusal(error));
      return;
    }
    if (number !== asked) return;
    showMatches(matches);
    if (matches.length === 0) say('No recipient has this record id (an erased one is not found).');
    else say(matches.length === 1 ? 'Found in 1 campaign.' : `Found in ${matches.length} campaigns: pick one.`);
    if (matches.length === 1) await open(matches[0]!);
  }

  byId('debtor-search').addEventListener('submit', (event) => {
    event.preventDefault();
    const recordId = byId<HTMLInputElement>('debtor-record').value.trim();
    if (!recordId) return;
    say('Searching…');
    void search(recordId);
  });
}
