// Start, pause, resume, cancel and retry failed: only the buttons the campaign's status allows
// are shown (allowed-actions.ts); a refusal shows the API's own message. Cancel cannot be undone:
// it asks first, in the page. The downloads sit beside them.
import { byId } from '../shared/dom.ts';
import type { AdminApi, CampaignSummary } from './admin-types.ts';
import { consoleActions, mayMove } from './allowed-actions.ts';
import { describeRefusal } from './describe-refusal.ts';
import { campaignPath } from './campaign-path.ts';

const done = { start: 'Started', pause: 'Paused', resume: 'Resumed', cancel: 'Cancelled', retry: 'Queued again' };

/**
 * The run and download buttons of the console. `show(campaign)` follows the campaign's status;
 * `onMoved` is called once the API has taken an action.
 */
export function makeCampaignActions(options: {
  api: AdminApi;
  /** Downloads a file of the selected campaign; `say` gets a refusal (the header's line by default). */
  download: (kind: string, query?: string, format?: string, say?: (text: string) => void) => void;
  getCampaign: () => string | null;
  onMoved: () => void;
}) {
  const line = byId('actions-status');
  const buttons = byId('campaign-actions').querySelectorAll<HTMLButtonElement>('button[data-action]');
  const confirmBox = byId('cancel-confirm');
  const confirmYes = byId<HTMLButtonElement>('cancel-confirm-yes');
  const state: { asking: string | null } = { asking: null };

  function closeConfirm(): void {
    state.asking = null;
    confirmBox.hidden = true;
  }

  function act(action: (typeof consoleActions)[number], button: HTMLButtonElement, id: string): void {
    button.disabled = true;
    options
      .api<{ enqueued: number; requeued: number }>(`${campaignPath(id)}/${action}`, {
        method: 'POST',
      })
      .then(
        (answer) => {
          const queued = answer.enqueued + answer.requeued;
          line.textContent = `${done[action]}${queued ? `: ${queued} page${queued === 1 ? '' : 's'} queued` : ''}.`;
          options.onMoved();
        },
        (error: unknown) => (line.textContent = describeRefusal(error)),
      )
      .finally(() => (button.disabled = false));
  }

  for (const button of buttons) {
    const action = button.dataset.action as (typeof consoleActions)[number];
    button.addEventListener('click', () => {
      const id = options.getCampaign();
      if (!id) return;
      if (action !== 'cancel') return act(action, button, id);
      state.asking = id;
      byId('cancel-confirm-text').textContent = `Cancel campaign ${id}? It cannot be started again.`;
      confirmBox.hidden = false;
      byId('cancel-confirm-keep').focus();
    });
  }
  confirmYes.addEventListener('click', () => {
    const id = state.asking;
    closeConfirm();
    if (id && id === options.getCampaign()) act('cancel', confirmYes, id);
  });
  byId('cancel-confirm-keep').addEventListener('click', () => {
    closeConfirm();
    line.textContent = 'The campaign was not cancelled.';
  });
  for (const button of document.querySelectorAll<HTMLButtonElement>('#console-work button[data-download]')) {
    button.addEventListener('click', () =>
      options.download(button.dataset.download ?? '', '', button.dataset.format, (text) => (line.textContent = text)),
    );
  }

  return {
    show(campaign: CampaignSummary): void {
      // The question belongs to the campaign it named, while it may still be cancelled.
      if (state.asking && (state.asking !== campaign.id || !mayMove({ status: campaign.status, action: 'cancel' })))
        closeConfirm();
      for (const button of buttons) {
        const action = button.dataset.action as (typeof consoleActions)[number];
        const failed = campaign.progress?.failed ?? 0;
        button.hidden = !mayMove({ status: campaign.status, action }) || (action === 'retry' && failed === 0);
      }
    },
  };
}
