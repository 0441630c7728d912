/**
 * Reads an amount written the way CRM exports write money: a plain number, or text
 * with a decimal point or a decimal comma and optional thousands separators
 * ("1234.5", "1.234,56", "1,234.56", "1 234,56", "€ 12,00").
 * A single mark before exactly three digits ("1.234", "1,234") reads as thousands, unless
 * `digits` says the currency is written with three decimals (BHD, KWD, …): then "12.345" and
 * "12,345" are 12 dinars and 345 fils, and thousands take both marks ("1.234,500") or none.
 * Returns null when the text is not one unambiguous amount.
 */
export function parseAmount(input: unknown, options: { digits?: number } = {}): number | null {
  if (typeof input === 'number') return Number.isFinite(input) ? input : null;
  if (typeof input !== 'string') return null;
  const text = input
    .replace(/[\s\u00a0\u202f]/g, '')
    .replace(/^[€$£]|[€$£]$/g, '')
    .replace(/^(EUR|GBP|USD|CHF)|(EUR|GBP|USD|CHF)$/i, '');
  if (!/^-?[\d.,']+$/.test(text) || !/\d/.test(text)) return null;
  const negative = text.startsWith('-');
  const body = (negative ? text.slice(1) : text).replace(/'/g, '');
  const lastDot = body.lastIndexOf('.');
  const lastComma = body.lastIndexOf(',');
  const decimalMark = pickDecimalMark({ body, lastDot, lastComma, digits: options.digits });
  const [whole = '', fraction = ''] = decimalMark ? splitOnLast(body, decimalMark) : [body, ''];
  const thousands = decimalMark === ',' ? '.' : decimalMark === '.' ? ',' : body.includes('.') ? '.' : ',';
  if (!isGroupedInteger(whole, thousands)) return null;
  if (fraction.length > 0 && !/^\d+$/.test(fraction)) return null;
  const value = Number(`${whole.split(thousands).join('')}.${fraction || '0'}`);
  if (!Number.isFinite(value)) return null;
  return negative ? -value : value;
}

function pickDecimalMark(options: {
  body: string;
  lastDot: number;
  lastComma: number;
  digits?: number;
}): '.' | ',' | null {
  const { body, lastDot, lastComma } = options;
  if (lastDot >= 0 && lastComma >= 0) return lastDot > lastComma ? '.' : ',';
  const mark = lastDot >= 0 ? '.' : lastComma >= 0 ? ',' : null;
  if (!mark) return null;
  const count = body.split(mark).length - 1;
  const digitsAfter = body.length - body.lastIndexOf(mark) - 1;
  // "1.234" or "1,234,567": one or more groups of exactly three digits read as thousands (but "12.345" BHD is fils).
  if (count > 1 || (digitsAfter === 3 && options.digits !== 3)) return null;
  return mark;
}

function splitOnLast(text: string, mark: string): [string, string] {
  const at = text.lastIndexOf(mark);
  return [text.slice(0, at), text.slice(at + 1)];
}

function isGroupedInteger(whole: string, separator: string): boolean {
  if (!whole.includes(separator)) return /^\d+$/.test(whole);
  const groups = whole.split(separator);
  const [first = '', ...rest] = groups;
  return /^\d{1,3}$/.test(first) && rest.every((group) => /^\d{3}$/.test(group));
}
