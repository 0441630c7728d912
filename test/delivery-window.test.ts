import { describe, expect, it } from 'vitest';
import { findTimeZone, getSendWindow } from '../server/delivery/send-window.ts';
import { KindlyError } from '../server/errors.ts';
import { gentleReminderSchema } from '../templates/gentle-reminder/schema.ts';

const window = (timeZone: string, now: string) => {
  const { start, end } = getSendWindow({ timeZone, now: new Date(now) });
  return [start, end];
};

describe('the send window: 08:00–21:00 where the recipient lives', () => {
  it("is today's while it lasts, else tomorrow's, in each of the four locales' zones", () => {
    const now = '2026-11-23T10:00:00.000Z';
    const rows = ['it-IT', 'en-GB', 'fr-FR', 'zh-TW'].map((locale) => {
      const timeZone = findTimeZone({ locale });
      return { locale, timeZone, window: window(timeZone, now) };
    });
    console.table(
      rows.map((row) => ({ locale: row.locale, zone: row.timeZone, start: row.window[0], end: row.window[1] })),
    );
    expect(rows.map((row) => [row.timeZone, ...row.window])).toEqual([
      ['Europe/Rome', '2026-11-23T07:00:00.000Z', '2026-11-23T20:00:00.000Z'],
      ['Europe/London', '2026-11-23T08:00:00.000Z', '2026-11-23T21:00:00.000Z'],
      ['Europe/Paris', '2026-11-23T07:00:00.000Z', '2026-11-23T20:00:00.000Z'],
      // 18:00 in Taipei (UTC+8): the window opened at midnight UTC and closes at 13:00 UTC.
      ['Asia/Taipei', '2026-11-23T00:00:00.000Z', '2026-11-23T13:00:00.000Z'],
    ]);
    // 21:30 in Taipei: today's window is over, tomorrow's is next.
    expect(window('Asia/Taipei', '2026-11-23T13:30:00.000Z')).toEqual([
      '2026-11-24T00:00:00.000Z',
      '2026-11-24T13:00:00.000Z',
    ]);
    // 21:00 sharp in Rome: over.
    expect(window('Europe/Rome', '2026-11-23T20:00:00.000Z')).toEqual([
      '2026-11-24T07:00:00.000Z',
      '2026-11-24T20:00:00.000Z',
    ]);
    // 02:00 in Rome, still the 23rd in UTC: the 24th's window.
    expect(window('Europe/Rome', '2026-11-24T01:00:00.000Z')).toEqual([
      '2026-11-24T07:00:00.000Z',
      '2026-11-24T20:00:00.000Z',
    ]);
  });

  it('follows daylight saving: summer and winter, and across the night clocks change', () => {
    expect(window('Europe/London', '2027-07-01T12:00:00Z')).toEqual([
      '2027-07-01T07:00:00.000Z',
      '2027-07-01T20:00:00.000Z',
    ]);
    expect(window('Europe/London', '2027-01-15T12:00:00Z')).toEqual([
      '2027-01-15T08:00:00.000Z',
      '2027-01-15T21:00:00.000Z',
    ]);
    // Saturday 27 March 2027, 22:00 in Rome (CET); clocks go forward that night: Sunday's window is in CEST.
    expect(window('Europe/Rome', '2027-03-27T21:00:00Z')).toEqual([
      '2027-03-28T06:00:00.000Z',
      '2027-03-28T19:00:00.000Z',
    ]);
    // Saturday 30 October 2027, 23:00 in London (BST); clocks go back that night: Sunday's window is in GMT.
    expect(window('Europe/London', '2027-10-30T22:00:00Z')).toEqual([
      '2027-10-31T08:00:00.000Z',
      '2027-10-31T21:00:00.000Z',
    ]);
    // Taipei keeps no daylight saving.
    expect(window('Asia/Taipei', '2027-07-01T01:00:00Z')).toEqual([
      '2027-07-01T00:00:00.000Z',
      '2027-07-01T13:00:00.000Z',
    ]);
    // New York, the day clocks go forward (14 March 2027).
    expect(window('America/New_York', '2027-03-14T05:00:00Z')).toEqual([
      '2027-03-14T12:00:00.000Z',
      '2027-03-15T01:00:00.000Z',
    ]);
  });

  it("takes the record's own timezone over its locale's", () => {
    expect(findTimeZone({ locale: 'en-GB', timezone: 'America/New_York' })).toBe('America/New_York');
    expect(findTimeZone({ locale: 'en-GB', timezone: undefined })).toBe('Europe/London');
    expect(() => findTimeZone({ locale: 'de-DE' })).toThrow(KindlyError);
    expect(() => findTimeZone({ locale: 'de-DE' })).toThrow(
      'No time zone for this locale, and the record has no timezone (got "de-DE"). Add a timezone column',
    );
  });

  it('reads timezone from the records as an IANA name, refusing offsets and unknown zones', () => {
    const base = { id: 'C1', name: 'Anna', amount: '10', due_date: '2027-01-01', invoice: 'F1' };
    expect(gentleReminderSchema.parse({ ...base, timezone: ' America/New_York ' }).timezone).toBe('America/New_York');
    expect(gentleReminderSchema.parse({ ...base, timezone: '' }).timezone).toBeUndefined();
    for (const timezone of ['Mars/Olympus_Mons', '+01:00', 'CET1', 'Europe/Rome; drop table']) {
      const result = gentleReminderSchema.safeParse({ ...base, timezone });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]?.message).toBe(
        'timezone is not an IANA time zone; use a name such as Europe/Rome or Asia/Taipei, or leave it blank',
      );
    }
  });
});
