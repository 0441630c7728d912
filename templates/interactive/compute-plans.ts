/**
 * Instalment plans, computed the same way on the server (to check a choice) and in the
 * browser (to show the choices). Pure: no Node or DOM API beyond Intl.
 */

/** What a template or campaign allows: plan lengths in months, the smallest instalment (major units), days to the first payment. */
export type PlanRules = { months: number[]; minimumInstalment: number; firstPaymentInDays: number };

/** One instalment plan: amounts in minor units (cents); the last instalment absorbs the rounding. */
export type Plan = { months: number; instalments: { dueDate: string; amountMinor: number }[] };

export const defaultPlanRules: PlanRules = { months: [3, 6, 12], minimumInstalment: 25, firstPaymentInDays: 14 };

/** A campaign's rules over the template's over the defaults, field by field. */
export function resolvePlanRules(...layers: (Partial<PlanRules> | undefined)[]): PlanRules {
  const rules = { ...defaultPlanRules };
  for (const layer of layers) {
    if (layer?.months?.length) rules.months = [...layer.months].sort((a, b) => a - b);
    if (layer?.minimumInstalment !== undefined) rules.minimumInstalment = layer.minimumInstalment;
    if (layer?.firstPaymentInDays !== undefined) rules.firstPaymentInDays = layer.firstPaymentInDays;
  }
  return rules;
}

/** Decimal places of a currency's minor unit (EUR 2, JPY 0, BHD 3). */
export function getMinorDigits(currency: string): number {
  return new Intl.NumberFormat('en', { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

export function toMinor(options: { amount: number; currency: string }): number {
  return Math.round(options.amount * 10 ** getMinorDigits(options.currency));
}

/** Minor units as money in the recipient's locale, e.g. it-IT 41150 EUR → "411,50 €". */
export function formatMinor(options: { amountMinor: number; currency: string; locale: string }): string {
  const amount = options.amountMinor / 10 ** getMinorDigits(options.currency);
  return new Intl.NumberFormat(options.locale, { style: 'currency', currency: options.currency }).format(amount);
}

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
 * The plans a debt of `amount` can be split into under `rules`, from `today`: each plan length
 * whose equal instalment is at least the minimum. Instalments are whole minor units; the last
 * one takes the remainder, so they always add up to the amount.
 */
export function computePlans(options: { amount: number; currency: string; rules: PlanRules; today: string }): Plan[] {
  const total = toMinor(options);
  const minimum = toMinor({ amount: options.rules.minimumInstalment, currency: options.currency });
  const firstDue = addDays(options.today, options.rules.firstPaymentInDays);
  const plans: Plan[] = [];
  for (const months of options.rules.months) {
    const base = Math.floor(total / months);
    if (months < 2 || base < minimum) continue;
    const instalments = Array.from({ length: months }, (_, index) => ({
      dueDate: addMonths(firstDue, index),
      amountMinor: index === months - 1 ? total - base * (months - 1) : base,
    }));
    plans.push({ months, instalments });
  }
  return plans;
}
