import { getAmountsByCurrency } from '../store/amounts-by-currency.ts';
import { findKeptAggregates } from '../store/campaign-retention.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { countFlaggedEvents, type FlaggedCounts } from '../store/events.ts';
import { getFunnelByVariant, type FunnelCounts } from '../store/funnel-by-variant.ts';
import { countSurveyAnswers } from '../store/survey-answers.ts';
import { getCampaignVariants } from '../store/variants.ts';
import { compareProportions, type Comparison } from './compare-proportions.ts';
import { getRetention, type RetentionCurve } from './get-retention.ts';
import { sumFunnels } from './sum-funnels.ts';
import { summarizeSurvey, type SurveySummary } from './summarize-survey.ts';
import { totalByCurrency, type CurrencyTotal } from './total-by-currency.ts';

/**
 * What a campaign taught: its funnel, money owed and recovered per currency, each variant's, the
 * comparisons, the watch-time curve, the survey's answers and what was kept out.
 */
export type Analytics = {
  campaign: string;
  funnel: FunnelCounts;
  /** Owed and recovered per currency (never summed across currencies). */
  amounts: CurrencyTotal[];
  variants: { id: string; template: string; funnel: FunnelCounts; amounts: CurrencyTotal[]; survey: SurveySummary }[];
  comparisons: Comparison[];
  retention: RetentionCurve;
  /** From the answers stored by the survey route (each respondent's latest), with the Net Promoter Score on a 0–10 scale. */
  survey: SurveySummary;
  /** Events stored but not counted: by scanners and previews, HEAD requests, clicks too soon after delivery. */
  flagged: FlaggedCounts;
  /** Set once the retention period passed: personal event data is gone, these figures were kept. */
  expiredAt?: string;
};

/** Computes a campaign's analytics (or returns the aggregates kept after its retention period). */
export async function getAnalytics(options: { db: Queryable; campaignId: string }): Promise<Analytics> {
  const { db } = options;
  const campaign = await getCampaign({ db, id: options.campaignId });
  const kept = await findKeptAggregates<Analytics>({ db, campaignId: campaign.id });
  if (kept) return { ...kept.aggregates, expiredAt: kept.expiredAt };

  const byVariant = await getFunnelByVariant({ db, campaignId: campaign.id });
  const definitions = (await getCampaignVariants({ db, campaignId: campaign.id })) ?? [];
  const empty = sumFunnels([]);
  const amounts = await getAmountsByCurrency({ db, campaignId: campaign.id });
  const answers = await countSurveyAnswers({ db, campaignId: campaign.id });
  const variants = definitions.map((variant) => ({
    id: variant.id,
    template: variant.template,
    funnel: byVariant.get(variant.id) ?? empty,
    amounts: totalByCurrency(amounts.filter((amount) => amount.variant === variant.id)),
    survey: summarizeSurvey(answers.filter((answer) => answer.variant === variant.id)),
  }));
  const comparisons = variants.slice(1).flatMap((variant) =>
    (['paid', 'clicked'] as const).map((metric) =>
      compareProportions({
        metric,
        control: { id: variants[0]!.id, successes: variants[0]!.funnel[metric], trials: variants[0]!.funnel.issued },
        variant: { id: variant.id, successes: variant.funnel[metric], trials: variant.funnel.issued },
      }),
    ),
  );
  return {
    campaign: campaign.id,
    funnel: sumFunnels(byVariant.values()),
    amounts: totalByCurrency(amounts),
    variants,
    comparisons,
    retention: await getRetention({ db, campaignId: campaign.id }),
    survey: summarizeSurvey(answers),
    flagged: await countFlaggedEvents({ db, campaignId: campaign.id }),
  };
}
