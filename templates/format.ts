/**
 * fr-FR groups digits with a narrow no-break space (U+202F), which the shipped fonts lack: the
 * plain no-break space (U+00A0) keeps the number whole on one line just the same.
 */
const withShippedSpaces = (text: string) => text.replaceAll('\u202f', '\u00a0');

/** Money in the recipient's locale and currency, e.g. it-IT 1234.5 EUR → "1234,50 €". */
export function formatMoney(options: { amount: number; currency: string; locale: string }): string {
  return withShippedSpaces(new Intl.NumberFormat(options.locale, { style: 'currency', currency: options.currency }).format(options.amount));
}

/** A calendar date (ISO `YYYY-MM-DD`) in the recipient's locale, e.g. en-GB → "15 March 2027". */
export function formatDate(options: { isoDate: string; locale: string }): string {
  const date = new Date(`${options.isoDate}T00:00:00Z`);
  return withShippedSpaces(new Intl.DateTimeFormat(options.locale, { dateStyle: 'long', timeZone: 'UTC' }).format(date));
}

/** Puts values into a copy string's `{placeholders}`; unknown placeholders stay visible so a checker can find them. */
export function fillCopy(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
