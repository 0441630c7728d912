import type { Queryable } from './db.ts';
import { funnelSteps, makeStepColumns, type FunnelStepKey } from './funnel-steps.ts';

/** What became of one recipient: the furthest progress, each funnel step reached, what they paid. */
export type RecipientOutcome = {
  seq: number;
  recordId: string;
  /** `''` without an A/B test. */
  variant: string;
  status: string;
  /** The record's currency (EUR when it names none). */
  currency: string;
  /** The furthest progress event, in percent. */
  progress: number;
  steps: Record<FunnelStepKey, boolean>;
  paidAmount: number;
  /** Events stored for them but not counted (scanners, previews, clicks too soon). */
  flaggedEvents: number;
};

/** A page of a campaign's recipients' outcomes, in upload order after `afterSeq` (keyset on `seq`). */
export async function listRecipientOutcomes(options: {
  db: Queryable;
  campaignId: string;
  afterSeq: number;
  limit: number;
}): Promise<RecipientOutcome[]> {
  const { rows } = await options.db.query<Record<string, unknown>>(
    `with page as (
       select seq, record_id, variant, status, coalesce(data ->> 'currency', 'EUR') as currency from recipients where campaign_id = $1 and seq > $2 order by seq limit $3
     ), per as (
       select e.record_id, ${makeStepColumns()},
         max(case when e.type = 'complete' then 100 when e.type like 'progress\\_%' then substring(e.type from 10)::int else 0 end) as progress
       from events e where e.campaign_id = $1 and e.flagged is null and e.record_id in (select record_id from page) group by e.record_id
     )
     select page.*, ${funnelSteps.map((step) => `per."${step.key}"`).join(', ')}, per.progress, (select sum(amount) from payments p where p.campaign_id = $1 and p.record_id = page.record_id) as paid_amount,
       (select count(*) from events f where f.campaign_id = $1 and f.record_id = page.record_id and f.flagged is not null) as flagged_events
     from page left join per on per.record_id = page.record_id order by page.seq`,
    [options.campaignId, options.afterSeq, options.limit],
  );
  return rows.map((row) => ({
    seq: Number(row.seq),
    recordId: String(row.record_id),
    variant: String(row.variant ?? ''),
    status: String(row.status),
    currency: String(row.currency),
    progress: Number(row.progress ?? 0),
    steps: Object.fromEntries(funnelSteps.map((step) => [step.key, Boolean(row[step.key])])) as Record<
      FunnelStepKey,
      boolean
    >,
    paidAmount: Number(row.paid_amount ?? 0),
    flaggedEvents: Number(row.flagged_events),
  }));
}
