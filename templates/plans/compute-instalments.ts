import { getCurrencyDigits, toMinor } from '../get-currency-digits.ts';
import { splitInstalments } from '../interactive/compute-plans.ts';

/** One instalment plan: `months` payments of `instalment`, the last one `last` so the total is exact. Amounts in the debt's currency. */
export type InstalmentPlan = { months: number; instalment: number; last: number };

/**
 * The instalment plans the video offers for an amount: for each number of months, equal monthly
 * payments in the currency's units as people write them (cents for EUR, whole dollars for TWD),
 * split as the page splits them (splitInstalments: rounded up, the last the smallest, adding up
 * exactly). Plans whose instalment falls below `minimumInstalment` are left out, except the
 * shortest, so there is always a plan to offer.
 */
export function computeInstalments(options: {
  amount: number;
  currency: string;
  months: readonly number[];
  minimumInstalment: number;
}): InstalmentPlan[] {
  const total = toMinor(options);
  const unit = 10 ** getCurrencyDigits(options.currency);
  const months = [...new Set(options.months)]
    .filter((count) => Number.isInteger(count) && count >= 2)
    .sort((a, b) => a - b);
  const valid = months.flatMap((count) => {
    const amounts = splitInstalments({ totalMinor: total, count });
    return amounts.length === 0
      ? []
      : [{ months: count, instalment: amounts[0]! / unit, last: amounts.at(-1)! / unit }];
  });
  const affordable = valid.filter((plan) => plan.instalment >= options.minimumInstalment);
  if (affordable.length > 0) return affordable;
  return valid.slice(0, 1);
}
