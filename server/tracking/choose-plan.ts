import { z } from 'zod';
import { computePlans, type Plan } from '../../templates/interactive/compute-plans.ts';
import { getPlanRules } from '../../templates/interactive/get-plan-rules.ts';
import { findTemplate } from '../../templates/registry.ts';
import { KindlyError } from '../errors.ts';
import type { Campaign } from '../store/campaigns.ts';
import type { Recipient } from '../store/recipients.ts';

/** `?plan=<months>` on the pay redirect. */
export const planQuery = z.object({
  plan: z.coerce
    .number({ error: 'plan must be a number of months such as 6' })
    .int({ error: 'plan must be a whole number of months' })
    .min(2)
    .max(60)
    .optional(),
});

/**
 * The plans offered to a recipient today (the campaign's and template's rules for their amount),
 * with the record's currency; none when the template or record has no amount.
 */
export function listOfferedPlans(options: { campaign: Campaign; recipient: Pick<Recipient, 'data'>; today?: string }): {
  plans: Plan[];
  currency: string;
} {
  const template = findTemplate(options.campaign.templateId);
  const record = template?.schema.safeParse(options.recipient.data);
  const fields = (record?.success ? record.data : {}) as Record<string, unknown>;
  const rules = template ? getPlanRules({ template, campaignRules: options.campaign.planRules }) : undefined;
  const currency = typeof fields.currency === 'string' ? fields.currency : 'EUR';
  const dueDate = typeof fields.due_date === 'string' ? fields.due_date : undefined;
  const plans =
    rules && typeof fields.amount === 'number'
      ? computePlans({
          amount: fields.amount,
          currency,
          rules,
          today: options.today ?? new Date().toISOString().slice(0, 10),
          dueDate,
        })
      : [];
  return { plans, currency };
}

/**
 * The plan a debtor chose, checked against the campaign's and template's rules for their amount,
 * computed afresh today (the first payment date is the server's, not the page's).
 */
export function choosePlan(options: {
  campaign: Campaign;
  recipient: Pick<Recipient, 'data'>;
  months: number;
  today?: string;
}): { months: number; firstPayment: string } {
  const { plans } = listOfferedPlans(options);
  const plan = plans.find((candidate) => candidate.months === options.months);
  if (!plan) {
    throw new KindlyError({
      problem: 'This payment plan is not offered for this link',
      value: options.months,
      fix:
        plans.length > 0
          ? `Choose one of ${plans.map((candidate) => candidate.months).join(', ')} months`
          : 'Pay the whole amount with Pay now',
    });
  }
  return { months: plan.months, firstPayment: plan.instalments[0]?.dueDate ?? '' };
}
