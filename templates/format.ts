import { fitsCurrencyUnits, getCurrencyDigits } from './get-currency-digits.ts';

/**
 * fr-FR groups digits with a narrow no-break space (U+202F), which the shipped fonts lack: the
 * plain no-break space (U+00A0) keeps the number whole on one line just the same.
 */
const withShippedSpaces = (text: string) => text.replaceAll('\u202f', '\u00a0');

/**
 * Symbols a local reader expects where CLDR gives a bare "$", which cannot be told from the US
 * dollar in a message about money owed: Taiwanese bills write NT$ (zh-TW's CLDR symbol is "$").
 */
const readableSymbols: Readonly<Record<string, string>> = { TWD: 'NT$' };

// Making an Intl formatter costs ~0.25 ms; a campaign publishing thousands of pages asks for the same few again and again.
const formatters = new Map<string, Intl.NumberFormat | Intl.DateTimeFormat>();
function remember<T extends Intl.NumberFormat | Intl.DateTimeFormat>(key: string, make: () => T): T {
  let found = formatters.get(key) as T | undefined;
  if (!found) {
    found = make();
    // Locales and currencies are checked at ingest; the cap is only there so odd ones cannot pile up.
    if (formatters.size >= 500) formatters.clear();
    formatters.set(key, found);
  }
  return found;
}

/**
 * Money in the recipient's locale and currency, in the units people use (see getCurrencyDigits):
 * it-IT 1234.5 EUR → "1234,50 €", zh-TW 12500 TWD → "NT$12,500", en-GB 10000 JPY → "JP¥10,000".
 * The one money formatter of the video, captions, page, plans and operator views. An amount finer
 * than the currency's units (refused at ingest) keeps its decimals rather than being rounded away.
 */
export function formatMoney(options: { amount: number; currency: string; locale: string }): string {
  const digits = fitsCurrencyUnits(options)
    ? getCurrencyDigits(options.currency)
    : Math.max(2, getCurrencyDigits(options.currency));
  const format = remember(
    `${options.locale}\u0000${options.currency}\u0000${digits}`,
    () =>
      new Intl.NumberFormat(options.locale, {
        style: 'currency',
        currency: options.currency,
        currencyDisplay: 'symbol',
        minimumFractionDigits: digits,
        maximumFractionDigits: digits,
      }),
  );
  const readable = readableSymbols[options.currency.toUpperCase()];
  const text = format
    .formatToParts(options.amount)
    .map((part) => (part.type === 'currency' && readable && part.value === '$' ? readable : part.value))
    .join('');
  return withShippedSpaces(text);
}

/** Minor units (the currency's smallest unit in use) as money in the recipient's locale, e.g. it-IT 41150 EUR → "411,50 €". */
export function formatMinor(options: { amountMinor: number; currency: string; locale: string }): string {
  return formatMoney({
    amount: options.amountMinor / 10 ** getCurrencyDigits(options.currency),
    currency: options.currency,
    locale: options.locale,
  });
}

/** A calendar date (ISO `YYYY-MM-DD`) in the recipient's locale, e.g. en-GB → "15 March 2027". */
export function formatDate(options: { isoDate: string; locale: string }): string {
  const date = new Date(`${options.isoDate}T00:00:00Z`);
  return withShippedSpaces(
    remember(
      `date\u0000${options.locale}`,
      () => new Intl.DateTimeFormat(options.locale, { dateStyle: 'long', timeZone: 'UTC' }),
    ).format(date),
  );
}

/** Puts values into a copy string's `{placeholders}`; unknown placeholders stay visible so a checker can find them. */
export function fillCopy(text: string, values: Record<string, string>): string {
  return text.replace(/\{(\w+)\}/g, (whole, key: string) => values[key] ?? whole);
}
