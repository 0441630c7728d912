/**
 * Reads a calendar date written as ISO (2027-03-15) or day first (15/03/2027, 15.03.2027,
 * 15-03-2027) and returns it as ISO `YYYY-MM-DD`, or null when the text is not a real
 * date (31/02/2027 is refused, not rolled over).
 */
export function parseDate(input: unknown): string | null {
  if (input instanceof Date) return Number.isNaN(input.getTime()) ? null : input.toISOString().slice(0, 10);
  if (typeof input !== 'string') return null;
  const text = input.trim();
  const iso = /^(\d{4})-(\d{2})-(\d{2})(?:[T ].*)?$/.exec(text);
  const dayFirst = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(text);
  const parts = iso
    ? { year: Number(iso[1]), month: Number(iso[2]), day: Number(iso[3]) }
    : dayFirst
      ? { year: Number(dayFirst[3]), month: Number(dayFirst[2]), day: Number(dayFirst[1]) }
      : null;
  if (!parts) return null;
  const date = new Date(Date.UTC(parts.year, parts.month - 1, parts.day));
  const real =
    date.getUTCFullYear() === parts.year && date.getUTCMonth() === parts.month - 1 && date.getUTCDate() === parts.day;
  return real ? date.toISOString().slice(0, 10) : null;
}
