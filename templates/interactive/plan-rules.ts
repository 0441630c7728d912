import { z } from 'zod';

/** What a template or campaign allows: plan lengths in months, the smallest instalment (major units), days to the first payment. */
export const planRulesSchema = z.object({
  months: z.array(z.int().min(2).max(60)).min(1).max(6),
  minimumInstalment: z.number().positive(),
  firstPaymentInDays: z.int().min(0).max(90),
});

export type PlanRules = z.infer<typeof planRulesSchema>;

/** Some of the plan rules, each replacing the one below it: a campaign's over its template's, a template's over the defaults. */
export const planRulesOverrideSchema = planRulesSchema.partial();

export type PlanRulesOverride = z.infer<typeof planRulesOverrideSchema>;

/** The plan rules where neither the template nor the campaign says otherwise. */
export const defaultPlanRules: PlanRules = { months: [3, 6, 12], minimumInstalment: 25, firstPaymentInDays: 14 };

/** Later layers over earlier ones over the defaults, field by field (a template's, then a campaign's). */
export function resolvePlanRules(...layers: (PlanRulesOverride | undefined)[]): PlanRules {
  const rules = { ...defaultPlanRules };
  for (const layer of layers) {
    if (layer?.months?.length) rules.months = [...layer.months].sort((a, b) => a - b);
    if (layer?.minimumInstalment !== undefined) rules.minimumInstalment = layer.minimumInstalment;
    if (layer?.firstPaymentInDays !== undefined) rules.firstPaymentInDays = layer.firstPaymentInDays;
  }
  return rules;
}
