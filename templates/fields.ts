import { z } from 'zod';
import { parseAmount } from './parse-amount.ts';
import { parseDate } from './parse-date.ts';

/** Blank cells count as missing, so defaults and optional fields apply to them. */
const blankToUndefined = (value: unknown): unknown =>
  typeof value === 'string' && value.trim() === '' ? undefined : value;

const hasControlCharacters = (text: string): boolean => /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/.test(text);

/** A text field: trimmed, required, bounded, no control characters. */
export function textField(options: { label: string; max: number }) {
  return z.preprocess(blankToUndefined, boundedText(options));
}

function boundedText(options: { label: string; max: number }) {
  return z
    .string({ error: `${options.label} is missing; fill it in` })
    .trim()
    .max(options.max, { error: `${options.label} is longer than ${options.max} characters; shorten it` })
    .refine((text) => !hasControlCharacters(text), {
      error: `${options.label} contains control characters; remove them`,
    });
}

/**
 * An amount owed: accepts 1234.5, "1.234,56" or "1,234.56"; positive. Its decimals and ceiling
 * depend on the currency, so the record schema checks them (see refineDebtAmount).
 */
export function moneyField() {
  return z.preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      if (blank === undefined) return undefined;
      return parseAmount(blank) ?? Number.NaN;
    },
    z
      .number({ error: 'amount is missing or not a number; write it like 1234.56 or 1.234,56' })
      .refine((amount) => !Number.isNaN(amount), {
        error: 'amount is not a number; write it like 1234.56 or 1.234,56',
      })
      .refine((amount) => amount > 0, {
        error: 'amount must be greater than 0; zero or credit balances have nothing to collect',
      }),
  );
}

const knownCurrencies = new Set(Intl.supportedValuesOf('currency'));

/** An ISO 4217 currency code, EUR when blank. */
export function currencyField(options: { fallback: string }) {
  return z.preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      return typeof blank === 'string' ? blank.trim().toUpperCase() : blank;
    },
    z
      .string({ error: 'currency must be text such as EUR' })
      .refine((code) => knownCurrencies.has(code), {
        error: 'currency is not an ISO 4217 code; use one such as EUR, GBP or CHF',
      })
      .default(options.fallback),
  );
}

/** A due date, ISO or day first, stored as ISO `YYYY-MM-DD`; years outside 2000–2100 are refused as typos. */
export function dateField() {
  return z.preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      if (blank === undefined) return undefined;
      return parseDate(blank) ?? 'invalid';
    },
    z
      .string({ error: 'due_date is missing; write it as 2027-03-15 or 15/03/2027' })
      .refine((date) => date !== 'invalid', {
        error: 'due_date is not a real calendar date; write it as 2027-03-15 or 15/03/2027',
      })
      .refine((date) => date === 'invalid' || (date >= '2000-01-01' && date <= '2100-12-31'), {
        error: 'due_date is outside 2000–2100; check the year',
      }),
  );
}

/** A locale among the template's, accepting `it`, `it_IT` or `it-it` spellings; the template's default when blank. */
export function localeField<const Locales extends readonly [string, ...string[]]>(options: {
  locales: Locales;
  fallback: Locales[number];
}) {
  return z.preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      if (typeof blank !== 'string') return blank;
      const wanted = blank.trim().replace('_', '-').toLowerCase();
      return (
        options.locales.find(
          (locale) => locale.toLowerCase() === wanted || locale.toLowerCase().split('-')[0] === wanted,
        ) ?? blank
      );
    },
    z
      .enum(options.locales, {
        error: `locale is not offered by this template; use one of ${options.locales.join(', ')}`,
      })
      .default(options.fallback),
  );
}

/** An optional e-mail address. */
export function emailField() {
  return z.preprocess(
    (value) => (typeof blankToUndefined(value) === 'string' ? (value as string).trim() : undefined),
    z.email({ error: 'email is not a valid address; fix it or leave it blank' }).optional(),
  );
}

/** An optional phone number, kept as digits with an optional leading +. */
export function phoneField() {
  return z.preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      return typeof blank === 'string' ? blank.replace(/[\s().-]/g, '') : blank;
    },
    z
      .string()
      .regex(/^\+?\d{6,15}$/, { error: 'phone is not a phone number; use 6 to 15 digits, optionally starting with +' })
      .optional(),
  );
}

/** The tone of a template's copy (e.g. `empathetic`, `neutral`): a campaign or A/B variant picks it; the template's default when blank. */
export function toneField<const Tones extends readonly [string, ...string[]]>(options: {
  tones: Tones;
  fallback: Tones[number];
}) {
  return z.preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      return typeof blank === 'string' ? blank.trim().toLowerCase() : blank;
    },
    z
      .enum(options.tones, { error: `tone is not offered by this template; use one of ${options.tones.join(', ')}` })
      .default(options.fallback),
  );
}
/** An optional IANA time zone (Europe/Rome, Asia/Taipei): when a recipient may be messaged, if not their locale's. */
export function timeZoneField() {
  return z.preprocess(
    (value) => {
      const blank = blankToUndefined(value);
      return typeof blank === 'string' ? blank.trim() : blank;
    },
    z
      .string()
      .refine(isTimeZone, {
        error: 'timezone is not an IANA time zone; use a name such as Europe/Rome or Asia/Taipei, or leave it blank',
      })
      .optional(),
  );
}

/** An IANA zone name the runtime knows; offsets such as +01:00 are refused (they ignore daylight saving). */
function isTimeZone(name: string): boolean {
  if (!/^(UTC|[A-Za-z]+(\/[A-Za-z0-9_+-]+)+)$/.test(name)) return false;
  try {
    new Intl.DateTimeFormat('en', { timeZone: name });
    return true;
  } catch {
    return false;
  }
}

/** An optional short text (blank is absent): trimmed, bounded, no control characters. */
export function optionalTextField(options: { label: string; max: number }) {
  return z.preprocess(blankToUndefined, boundedText(options).optional());
}

/** An optional https link, e.g. to the invoice as a PDF. */
export function httpsUrlField(options: { label: string }) {
  return z.preprocess(
    (value) => (typeof blankToUndefined(value) === 'string' ? (value as string).trim() : undefined),
    z
      .url({ protocol: /^https$/, error: `${options.label} must be an https:// link; fix it or leave it blank` })
      .max(2000)
      .optional(),
  );
}
