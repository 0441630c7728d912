import { formatMoney } from '../../templates/format.ts';
import type { CurrencyAmounts } from '../store/amounts-by-currency.ts';

/** One currency's money in a campaign or variant: owed, recovered, their ratio, and both as an operator reads them (en-GB). */
export type CurrencyTotal = {
  currency: string;
  owed: number;
  paid: number;
  recoveryRate: number;
  owedText: string;
  paidText: string;
};

/** The locale of the operator's views (dashboard, CLI): money there reads "€1,234.50", "NT$12,500". */
export const operatorLocale = 'en-GB';

/** Sums amounts per currency (never across currencies), in currency order, each labelled and formatted with the one money formatter. */
export function totalByCurrency(
  amounts: Iterable<Pick<CurrencyAmounts, 'currency' | 'owed' | 'paid'>>,
): CurrencyTotal[] {
  const sums = new Map<string, { owed: number; paid: number }>();
  for (const amount of amounts) {
    const sum = sums.get(amount.currency) ?? { owed: 0, paid: 0 };
    sum.owed += amount.owed;
    sum.paid += amount.paid;
    sums.set(amount.currency, sum);
  }
  return [...sums.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([currency, { owed, paid }]) => {
      const money = (amount: number) => formatMoney({ amount, currency, locale: operatorLocale });
      const round = (amount: number) => Math.round(amount * 1000) / 1000;
      return {
        currency,
        owed: round(owed),
        paid: round(paid),
        recoveryRate: owed > 0 ? paid / owed : 0,
        owedText: money(owed),
        paidText: money(paid),
      };
    });
}
