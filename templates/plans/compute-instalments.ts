/** One instalment plan: `months` payments of `instalment`, the last one `last` so the total is exact. Amounts in the debt's currency. */
export type InstalmentPlan = { months: number; instalment: number; last: number };

/**
 * The instalment plans offered for an amount: for each number of months, equal monthly
 * payments in cents, rounded up so the last one is the smallest (never more than the others)
 * and the payments add up to the amount exactly. Plans whose instalment falls below
 * `minimumInstalment` are left out, except the shortest, so there is always a plan to offer.
 * Pure: the video and the page's plan selector compute the same plans.
 */
export function computeInstalments(options: { amount: number; months: readonly number[]; minimumInstalment: number }): InstalmentPlan[] {
  const cents = Math.round(options.amount * 100);
  const months = [...new Set(options.months)].filter((count) => Number.isInteger(count) && count >= 2).sort((a, b) => a - b);
  const plans = months.map((count) => {
    const each = Math.ceil(cents / count);
    return { months: count, instalment: each / 100, last: (cents - each * (count - 1)) / 100 };
  });
  const valid = plans.filter((plan) => plan.last > 0);
  const affordable = valid.filter((plan) => plan.instalment >= options.minimumInstalment);
  if (affordable.length > 0) return affordable;
  return valid.slice(0, 1);
}
