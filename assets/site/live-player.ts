// Mounts the live player into <div data-live-player> with the recipient's record, from the page's
// personal payload once it is opened (the kindly:personal event, or window.kindlyPersonal if it
// came first): the HTML itself holds nothing personal. Once it runs, it replaces the fallback (MP4 or poster).
import type { PersonalPayload } from '../../templates/interactive/personal-payload.ts';
import { getLivePlayer } from '../shared/live-player-api.ts';

function mountLivePlayer(): void {
  const slot = document.querySelector<HTMLElement>('[data-live-player]');
  const player = getLivePlayer();
  if (!slot || !player) return;
  const start = (record: PersonalPayload['record']) => {
    player
      .mount(slot, { templateId: slot.dataset.template ?? '', props: record, staticBase: slot.dataset.staticBase })
      .then(() => {
        slot.hidden = false;
        slot.dataset.liveState = 'ready';
        for (const element of document.querySelectorAll<HTMLElement>('[data-live-fallback]')) {
          element.hidden = true;
          for (const video of element.querySelectorAll('video')) video.pause();
        }
        for (const element of document.querySelectorAll<HTMLElement>('[data-live-download]')) element.hidden = false;
      })
      .catch(() => {
        slot.dataset.liveState = 'failed';
      });
  };
  document.addEventListener('kindly:personal', (event) => start((event as CustomEvent<PersonalPayload>).detail.record));
  if (window.kindlyPersonal) start(window.kindlyPersonal.record);
}

mountLivePlayer();
