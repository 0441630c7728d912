import type { Queryable } from './db.ts';
import { funnelSteps, makeStepColumns, type FunnelStepKey } from './funnel-steps.ts';

/** Recipients at each step, from links issued to paid (amounts are per currency: see getAmountsByCurrency). */
export type FunnelCounts = { issued: number } & Record<FunnelStepKey, number> & { paid: number; recoveryRate: number };

/** The funnel of every variant of a campaign (`''` when it has no A/B test), from one pass over its events. */
export async function getFunnelByVariant(options: {
  db: Queryable;
  campaignId: string;
}): Promise<Map<string, FunnelCounts>> {
  const sums = funnelSteps.map((step) => `count(*) filter (where per."${step.key}") as "${step.key}"`).join(', ');
  const { rows } = await options.db.query<Record<string, string | number | null>>(
    `with per as (
       select e.record_id, ${makeStepColumns()}
       from events e where e.campaign_id = $1 and e.flagged is null group by e.record_id
     ), paid as (
       select distinct record_id from payments where campaign_id = $1
     )
     select coalesce(r.variant, '') as variant, count(*) as issued, ${sums},
       count(paid.record_id) as paid
     from recipients r
     left join per on per.record_id = r.record_id
     left join paid on paid.record_id = r.record_id
     where r.campaign_id = $1 and r.status = 'published'
     group by 1 order by 1`,
    [options.campaignId],
  );
  const byVariant = new Map<string, FunnelCounts>();
  for (const row of rows) {
    const issued = Number(row.issued);
    const paid = Number(row.paid);
    const steps = Object.fromEntries(funnelSteps.map((step) => [step.key, Number(row[step.key])])) as Record<
      FunnelStepKey,
      number
    >;
    byVariant.set(String(row.variant), {
      issued,
      ...steps,
      paid,
      recoveryRate: issued > 0 ? paid / issued : 0,
    });
  }
  return byVariant;
}
