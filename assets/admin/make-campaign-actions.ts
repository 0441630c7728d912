// Start, pause, resume, cancel and retry failed: only the buttons the campaign's status allows
// are shown (allowed-actions.ts); a refusal shows the API's own message. The downloads sit
// beside them.
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
  download: (kind: string, query?: string, format?: string) => void;
  getCampaign: () => string | null;
  onMoved: () => void;
}) {
  const line = byId('actions-status');
  const buttons = byId('campaign-actions').querySelectorAll<HTMLButtonElement>('button[data-action]');

  for (const button of buttons) {
    const action = button.dataset.action as (typeof consoleActions)[number];
    button.addEventListener('click', () => {
      const id = options.getCampaign();
      if (!id) return;
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
    });
  }
  for (const button of document.querySelectorAll<HTMLButtonElement>('#console-work button[data-download]')) {
    button.addEventListener('click', () => options.download(button.dataset.download ?? '', '', button.dataset.format));
  }

  return {
    show(campaign: CampaignSummary): void {
      for (const button of buttons) {
        const action = button.dataset.action as (typeof consoleActions)[number];
        const failed = campaign.progress?.failed ?? 0;
        button.hidden = !mayMove({ status: campaign.status, action }) || (action === 'retry' && failed === 0);
      }
    },
  };
}
