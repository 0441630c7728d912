import { KindlyError } from '../errors.ts';

/** Messages go out between these local hours only. */
export const sendHours = { from: 8, to: 21 } as const;

/** The time zone of each of the product's languages, when a record has no `timezone` of its own. */
export const zoneByLocale: Readonly<Record<string, string>> = {
  'it-IT': 'Europe/Rome',
  'en-GB': 'Europe/London',
  'fr-FR': 'Europe/Paris',
  'zh-TW': 'Asia/Taipei',
};

/** When a recipient may be messaged: the next (or current) 08:00–21:00 in their zone, as UTC instants. */
export type SendWindow = { timeZone: string; start: string; end: string; local: string };

/** The recipient's zone: their own `timezone` when the record has one, else their locale's. */
export function findTimeZone(options: { locale: string; timezone?: unknown }): string {
  if (typeof options.timezone === 'string' && options.timezone !== '') return options.timezone;
  const zone = zoneByLocale[options.locale];
  if (!zone)
    throw new KindlyError({
      problem: 'No time zone for this locale, and the record has no timezone',
      value: options.locale,
      fix: 'Add a timezone column (an IANA name such as Europe/Berlin) to the records',
    });
  return zone;
}

const pad = (value: number) => String(value).padStart(2, '0');

/** The wall-clock date and time in a zone at an instant. */
function readWallClock(
  instant: number,
  timeZone: string,
): { year: number; month: number; day: number; utcOfWall: number } {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: 'numeric',
    day: 'numeric',
    hour: 'numeric',
    minute: 'numeric',
    second: 'numeric',
  }).formatToParts(new Date(instant));
  const get = (type: Intl.DateTimeFormatPartTypes) => Number(parts.find((part) => part.type === type)?.value);
  const [year, month, day] = [get('year'), get('month'), get('day')];
  return { year, month, day, utcOfWall: Date.UTC(year, month - 1, day, get('hour'), get('minute'), get('second')) };
}

/** The instant a wall-clock hour of a day happens in a zone (offset read twice, so DST days come out right). */
function atWallClock(options: { year: number; month: number; day: number; hour: number; timeZone: string }): number {
  const wall = Date.UTC(options.year, options.month - 1, options.day, options.hour);
  const offsetAt = (instant: number) =>
    readWallClock(instant, options.timeZone).utcOfWall - Math.floor(instant / 1000) * 1000;
  const first = wall - offsetAt(wall);
  return wall - offsetAt(first);
}

/**
 * The window a recipient may be messaged in: today's 08:00–21:00 in their zone while it has not
 * ended, else tomorrow's. `start` may be past (send now); `end` never is.
 */
export function getSendWindow(options: { timeZone: string; now: Date }): SendWindow {
  const now = options.now.getTime();
  const today = readWallClock(now, options.timeZone);
  for (let offset = 0; offset < 3; offset += 1) {
    const date = new Date(Date.UTC(today.year, today.month - 1, today.day + offset));
    const day = {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      timeZone: options.timeZone,
    };
    const end = atWallClock({ ...day, hour: sendHours.to });
    if (end > now) {
      const start = atWallClock({ ...day, hour: sendHours.from });
      return {
        timeZone: options.timeZone,
        start: new Date(start).toISOString(),
        end: new Date(end).toISOString(),
        local: `${pad(sendHours.from)}:00–${pad(sendHours.to)}:00`,
      };
    }
  }
  throw new Error(`No send window found in ${options.timeZone} after ${options.now.toISOString()}`);
}
