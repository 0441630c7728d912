import { z } from 'zod';
import { currencyField, dateField, localeField, moneyField, textField } from './fields.ts';
import { fitsCurrencyUnits, getCurrencyDigits } from './get-currency-digits.ts';
import { parseAmount } from './parse-amount.ts';

/**
 * The fields that describe a debt and who owes it, shared by every template's record schema
 * (templates add their own contact and optional fields around them, in makeDebtSchema). The
 * debtor's locale defaults to the first of `locales`.
 */
export function debtFields<const Locales extends readonly [string, ...string[]]>(locales: Locales) {
  return {
    id: textField({ label: 'id', max: 64 }),
    name: textField({ label: 'name', max: 120 }),
    amount: moneyField(),
    currency: currencyField({ fallback: 'EUR' }),
    due_date: dateField(),
    invoice: textField({ label: 'invoice', max: 64 }),
    locale: localeField({ locales, fallback: locales[0] }),
  };
}

/**
 * The most a debt may be, in its currency's smallest unit in use: an exchange rate is not known
 * here, so the ceiling is one count of units for every currency. Below 10^12 minor units an
 * amount is exact in a JavaScript number with room for sums (2^53 is 9,000 times more) and fits a
 * payment's numeric(14, 2) column, while a value read from the wrong column (a phone number, an
 * account number) is usually far beyond it. It cannot catch a misplaced decimal separator in an
 * ordinary amount: that is what the per-currency decimals check and the preview are for.
 */
export const maxDebtMinorUnits = 1e12;

/**
 * A template's record schema from its fields (debtFields and its own): the amount is read in its
 * currency's units ("12.345" BHD is 12 dinars 345 fils, "12.345" EUR twelve thousand) and checked
 * against them (checkDebtAmount).
 */
export function makeDebtSchema<const Shape extends z.ZodRawShape>(shape: Shape) {
  return z.preprocess(
    readAmountInCurrency,
    z.object(shape).superRefine((record, context) => {
      const problem = checkDebtAmount(record);
      if (problem) context.addIssue({ code: 'custom', path: ['amount'], message: problem });
    }),
  );
}

/** A three-decimal currency's amount written with one mark before three digits is fils, not thousands. */
function readAmountInCurrency(record: unknown): unknown {
  if (typeof record !== 'object' || record === null) return record;
  const { amount, currency } = record as Record<string, unknown>;
  if (typeof amount !== 'string' || typeof currency !== 'string' || getCurrencyDigits(currency.trim()) !== 3)
    return record;
  return { ...record, amount: parseAmount(amount, { digits: 3 }) ?? amount };
}

/**
 * Why a debt's amount does not fit its currency, or undefined when it does: finer than the
 * currency is written (12.345 BHD fits, 12.5 TWD does not), or not below maxDebtMinorUnits.
 */
function checkDebtAmount(record: { amount?: unknown; currency?: unknown }): string | undefined {
  const { amount, currency } = record;
  if (typeof amount !== 'number' || typeof currency !== 'string') return undefined;
  const digits = getCurrencyDigits(currency);
  if (!(amount * 10 ** digits < maxDebtMinorUnits)) {
    const most = ((maxDebtMinorUnits - 1) / 10 ** digits).toFixed(digits);
    return `amount is above ${most}, the most a debt in ${currency} may be (10^12 of its smallest unit in use); check the column and the decimal separator`;
  }
  if (fitsCurrencyUnits({ amount, currency })) return undefined;
  return digits === 0
    ? `amount has decimals, but ${currency} is paid in whole units; round it to ${Math.floor(amount)} or ${Math.ceil(amount)}`
    : `amount has more than ${digits} decimals for ${currency}; round it to ${amount.toFixed(digits)}`;
}
