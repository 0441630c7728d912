import type { TemplateDefinition } from '../template-definition.ts';
import { resolvePlanRules, type PlanRules, type PlanRulesOverride } from './plan-rules.ts';

/** The plan rules a page offers: the campaign's over the template's; none when the template has no plan call to action. */
export function getPlanRules(options: { template: TemplateDefinition; campaignRules?: PlanRulesOverride }): PlanRules {
  const rules = resolvePlanRules(options.template.planRules, options.campaignRules);
  return options.template.ctas.includes('plan') ? rules : { ...rules, months: [] };
}
