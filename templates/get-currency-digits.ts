/**
 * The decimals people actually write for a currency, which is not always what ISO 4217 or Intl
 * say. Intl gives TWD and HUF two decimals (the ISO minor unit), yet Taiwanese bills and shops
 * price in whole dollars and the Hungarian fillér was withdrawn in 1999: "NT$12,500.00" reads
 * as foreign. This table is explicit so the video (Node), the page (the browser's own Intl) and
 * the plans agree whatever ICU version each runs.
 */

/** Currencies written in whole units: ISO's zero-decimal ones, and those whose minor unit is out of use (TWD, HUF, IDR, COP, …). */
export const wholeUnitCurrencies: ReadonlySet<string> = new Set([
  'AFN',
  'ALL',
  'BIF',
  'CLP',
  'COP',
  'DJF',
  'GNF',
  'HUF',
  'IDR',
  'IQD',
  'IRR',
  'ISK',
  'JPY',
  'KMF',
  'KPW',
  'KRW',
  'LAK',
  'LBP',
  'MGA',
  'MMK',
  'PYG',
  'RSD',
  'RWF',
  'SOS',
  'SYP',
  'TWD',
  'UGX',
  'UYI',
  'UZS',
  'VND',
  'VUV',
  'XAF',
  'XOF',
  'XPF',
  'YER',
]);

/** Currencies written with three decimals (the dinars and rials whose fils and baisa are in use). */
export const thousandthCurrencies: ReadonlySet<string> = new Set(['BHD', 'JOD', 'KWD', 'LYD', 'OMR', 'TND']);

/** Decimals of a currency as people write it: TWD, JPY, KRW, HUF 0; BHD 3; the rest (EUR, GBP, CHF, …) 2. */
export function getCurrencyDigits(currency: string): number {
  const code = currency.toUpperCase();
  if (wholeUnitCurrencies.has(code)) return 0;
  return thousandthCurrencies.has(code) ? 3 : 2;
}

/** An amount in the currency's smallest unit in use (cents for EUR, dollars for TWD), rounded. */
export function toMinor(options: { amount: number; currency: string }): number {
  return Math.round(options.amount * 10 ** getCurrencyDigits(options.currency));
}

/** Whether `amount` is a whole number of the currency's smallest unit in use (12500 TWD yes, 12500.5 TWD no). */
export function fitsCurrencyUnits(options: { amount: number; currency: string }): boolean {
  const scaled = options.amount * 10 ** getCurrencyDigits(options.currency);
  return Math.abs(Math.round(scaled) - scaled) < 1e-6;
}
