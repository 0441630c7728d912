import { currencyField, dateField, localeField, moneyField, textField } from './fields.ts';

/**
 * The fields that describe a debt and who owes it, shared by every template's record schema
 * (templates add their own contact and optional fields around them). The debtor's locale
 * defaults to the first of `locales`.
 */
export function debtFields<const Locales extends readonly [string, ...string[]]>(locales: Locales) {
  return {
    id: textField({ label: 'id', max: 64 }),
    name: textField({ label: 'name', max: 120 }),
    amount: moneyField({ max: 10_000_000 }),
    currency: currencyField({ fallback: 'EUR' }),
    due_date: dateField(),
    invoice: textField({ label: 'invoice', max: 64 }),
    locale: localeField({ locales, fallback: locales[0] }),
  };
}
