import { el } from './dom.ts';

/**
 * A moment as the pages show it: a `<time>` whose `datetime` is the ISO string and whose text is
 * the date and time in British English (`short` leaves the seconds out).
 */
export function when(iso: string, timeStyle: 'short' | 'medium' = 'medium'): HTMLTimeElement {
  return el('time', { datetime: iso }, new Date(iso).toLocaleString('en-GB', { dateStyle: 'medium', timeStyle }));
}
