import type { InteractivePage } from '../../../templates/interactive/personal-payload.ts';
import { el } from '../../shared/dom.ts';

const clock = (seconds: number) => `${Math.floor(seconds / 60)}:${String(Math.floor(seconds % 60)).padStart(2, '0')}`;

/** The video's chapters as a list of buttons that jump there; the current one is marked for screen readers too. */
export function makeChapters(options: { video: HTMLVideoElement; page: InteractivePage }): HTMLElement | undefined {
  const { video, page } = options;
  if (page.chapters.length === 0) return undefined;
  const buttons = page.chapters.map((chapter) => {
    const button = el(
      'button',
      { type: 'button', class: 'chapter', 'data-chapter': chapter.id },
      el('span', {}, chapter.title),
      el('span', { class: 'time' }, clock(chapter.from)),
    );
    button.addEventListener('click', () => {
      video.currentTime = chapter.from;
      void video.play().catch(() => {});
    });
    return { chapter, button };
  });
  video.addEventListener('timeupdate', () => {
    const current = [...buttons].reverse().find(({ chapter }) => video.currentTime >= chapter.from);
    for (const { button } of buttons) {
      if (button === current?.button) button.setAttribute('aria-current', 'true');
      else button.removeAttribute('aria-current');
    }
  });
  return el(
    'nav',
    { class: 'chapters', 'aria-labelledby': 'chapters-heading' },
    el('h2', { id: 'chapters-heading' }, page.copy.chaptersHeading),
    el('ol', {}, ...buttons.map(({ button }) => el('li', {}, button))),
  );
}
