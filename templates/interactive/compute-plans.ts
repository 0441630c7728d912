import { toMinor } from '../get-currency-digits.ts';
import type { PlanRules } from './plan-rules.ts';

/*
 * Instalment plans, computed the same way on the server (to check a choice) and in the
 * browser (to show the choices). Pure: no Node or DOM API beyond Intl.
 */

/** One instalment plan: amounts in the currency's smallest unit in use (cents, or whole dollars for TWD); the last instalment absorbs the rounding. */
export type Plan = { months: number; instalments: { dueDate: string; amountMinor: number }[] };

/** `isoDate` plus whole days, as `YYYY-MM-DD` (UTC calendar arithmetic). */
export function addDays(isoDate: string, days: number): string {
  const date = new Date(`${isoDate}T00:00:00Z`);
  date.setUTCDate(date.getUTCDate() + days);
  return date.toISOString().slice(0, 10);
}

/** `isoDate` plus whole months, kept on the same day or the month's last day (31 Jan + 1 → 28/29 Feb). */
export function addMonths(isoDate: string, months: number): string {
  const [year = 0, month = 1, day = 1] = isoDate.split('-').map(Number);
  const first = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(Date.UTC(first.getUTCFullYear(), first.getUTCMonth() + 1, 0)).getUTCDate();
  first.setUTCDate(Math.min(day, lastDay));
  return first.toISOString().slice(0, 10);
}

/**
 * `totalMinor` split into `count` instalments of whole minor units: each the total divided and
 * rounded up, the last taking what is left, so they add up exactly and the last is never more
 * than the others. Empty when the total is too small to leave the last one anything.
 */
export function splitInstalments(options: { totalMinor: number; count: number }): number[] {
  const each = Math.ceil(options.totalMinor / options.count);
  const last = options.totalMinor - each * (options.count - 1);
  if (options.count < 1 || last <= 0) return [];
  return Array.from({ length: options.count }, (_, index) => (index === options.count - 1 ? last : each));
}

/** The first instalment's date: `firstPaymentInDays` after today, but never before a due date still ahead. */
export function getFirstPaymentDate(options: { today: string; firstPaymentInDays: number; dueDate?: string }): string {
  const soonest = addDays(options.today, options.firstPaymentInDays);
  return options.dueDate && options.dueDate > soonest ? options.dueDate : soonest;
}

/**
 * The plans a debt of `amount` can be split into under `rules`, from `today` (and not before
 * `dueDate` while it is ahead): each plan length whose instalment is at least the minimum. Amounts
 * are whole units of the currency as people write it (whole dollars for TWD, cents for EUR); the
 * last instalment takes the rounding, so they always add up to the amount.
 */
export function computePlans(options: {
  amount: number;
  currency: string;
  rules: PlanRules;
  today: string;
  dueDate?: string;
}): Plan[] {
  const total = toMinor(options);
  const minimum = toMinor({ amount: options.rules.minimumInstalment, currency: options.currency });
  const firstDue = getFirstPaymentDate({
    today: options.today,
    firstPaymentInDays: options.rules.firstPaymentInDays,
    dueDate: options.dueDate,
  });
  const plans: Plan[] = [];
  for (const months of options.rules.months) {
    const amounts = months < 2 ? [] : splitInstalments({ totalMinor: total, count: months });
    if (amounts.length === 0 || amounts[0]! < minimum) continue;
    plans.push({
      months,
      instalments: amounts.map((amountMinor, index) => ({ dueDate: addMonths(firstDue, index), amountMinor })),
    });
  }
  return plans;
}
