import { getCampaign } from '../store/campaigns.ts';
import type { Queryable } from '../store/db.ts';
import { getCampaignVariants } from '../store/variants.ts';
import { compareProportions, type Comparison } from './compare-proportions.ts';
import { getFunnelByVariant, sumFunnels, type FunnelCounts } from './get-funnel.ts';
import { getRetention, type RetentionCurve } from './get-retention.ts';

/** What a campaign taught: its funnel, each variant's, the comparisons, the watch-time curve, survey scores and what was kept out. */
export type Analytics = {
  campaign: string;
  funnel: FunnelCounts;
  variants: { id: string; template: string; funnel: FunnelCounts }[];
  comparisons: Comparison[];
  retention: RetentionCurve;
  survey: { responses: number; average: number | null; scores: Record<string, number> };
  /** Events stored but not counted: by scanners and previews, HEAD requests, clicks too soon after delivery. */
  flagged: Record<string, Record<string, number>>;
  /** Set once the retention period passed: personal event data is gone, these figures were kept. */
  expiredAt?: string;
};

/** Computes a campaign's analytics (or returns the aggregates kept after its retention period). */
export async function getAnalytics(options: { db: Queryable; campaignId: string }): Promise<Analytics> {
  const { db } = options;
  const campaign = await getCampaign({ db, id: options.campaignId });
  const kept = await db.query<{ expired_at: Date | string | null; aggregates: Analytics | null }>('select expired_at, aggregates from campaigns where id = $1', [campaign.id]);
  const snapshot = kept.rows[0];
  if (snapshot?.expired_at && snapshot.aggregates) return { ...snapshot.aggregates, expiredAt: new Date(snapshot.expired_at).toISOString() };

  const byVariant = await getFunnelByVariant({ db, campaignId: campaign.id });
  const definitions = (await getCampaignVariants({ db, campaignId: campaign.id })) ?? [];
  const empty = sumFunnels([]);
  const variants = definitions.map((variant) => ({ id: variant.id, template: variant.template, funnel: byVariant.get(variant.id) ?? empty }));
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
    variants,
    comparisons,
    retention: await getRetention({ db, campaignId: campaign.id }),
    survey: await getSurveyScores({ db, campaignId: campaign.id }),
    flagged: await getFlaggedCounts({ db, campaignId: campaign.id }),
  };
}

async function getSurveyScores(options: { db: Queryable; campaignId: string }): Promise<Analytics['survey']> {
  const { rows } = await options.db.query<{ score: string; responses: string | number }>(
    `select coalesce(detail ->> 'score', detail ->> 'rating') as score, count(*) as responses from events
     where campaign_id = $1 and type = 'survey' and flagged is null group by 1`,
    [options.campaignId],
  );
  const scores: Record<string, number> = {};
  let total = 0;
  let sum = 0;
  for (const row of rows) {
    const score = Number(row.score);
    if (row.score === null || !Number.isFinite(score)) continue;
    scores[String(score)] = Number(row.responses);
    total += Number(row.responses);
    sum += score * Number(row.responses);
  }
  return { responses: total, average: total > 0 ? Math.round((sum / total) * 100) / 100 : null, scores };
}

async function getFlaggedCounts(options: { db: Queryable; campaignId: string }): Promise<Analytics['flagged']> {
  const { rows } = await options.db.query<{ flagged: string; type: string; events: string | number }>(
    'select flagged, type, count(*) as events from events where campaign_id = $1 and flagged is not null group by 1, 2',
    [options.campaignId],
  );
  const flagged: Analytics['flagged'] = {};
  for (const row of rows) (flagged[row.flagged] ??= {})[row.type] = Number(row.events);
  return flagged;
}
