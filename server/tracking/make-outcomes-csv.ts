import { toCsvLine } from '../to-csv-line.ts';
import type { Queryable } from '../store/db.ts';
import { funnelSteps, makeStepColumns } from './funnel-steps.ts';
import type { Analytics } from './get-analytics.ts';

const funnelColumns = ['issued', ...funnelSteps.map((step) => step.key), 'paid', 'paidAmount', 'owedAmount', 'recoveryRate', 'amountRecoveryRate'] as const;

/** The funnel as CSV: one line for the campaign, one per variant. */
export function makeFunnelCsv(analytics: Analytics): string {
  const rows = [{ id: 'all', funnel: analytics.funnel }, ...analytics.variants];
  return toCsvLine(['variant', ...funnelColumns]) + rows.map((row) => toCsvLine([row.id, ...funnelColumns.map((key) => row.funnel[key])])).join('');
}

/** Per recipient: variant, the furthest progress, each funnel step reached (yes/no) and what they paid. Streamed page by page. */
export async function* makeOutcomesCsv(options: { db: Queryable; campaignId: string }): AsyncGenerator<string> {
  yield toCsvLine(['id', 'variant', 'status', 'progress', ...funnelSteps.map((step) => step.key), 'paid_amount', 'flagged_events']);
  let after = 0;
  for (;;) {
    const { rows } = await options.db.query<Record<string, unknown>>(
      `with page as (
         select seq, record_id, variant, status from recipients where campaign_id = $1 and seq > $2 order by seq limit 1000
       ), per as (
         select e.record_id, ${makeStepColumns()},
           max(case when e.type = 'complete' then 100 when e.type like 'progress\\_%' then substring(e.type from 10)::int else 0 end) as progress
         from events e where e.campaign_id = $1 and e.flagged is null and e.record_id in (select record_id from page) group by e.record_id
       )
       select page.*, ${funnelSteps.map((step) => `per."${step.key}"`).join(', ')}, per.progress, (select sum(amount) from payments p where p.campaign_id = $1 and p.record_id = page.record_id) as paid_amount,
         (select count(*) from events f where f.campaign_id = $1 and f.record_id = page.record_id and f.flagged is not null) as flagged_events
       from page left join per on per.record_id = page.record_id order by page.seq`,
      [options.campaignId, after],
    );
    if (rows.length === 0) return;
    for (const row of rows) {
      const steps = funnelSteps.map((step) => (row[step.key] ? 'yes' : 'no'));
      yield toCsvLine([String(row.record_id), String(row.variant ?? ''), String(row.status), Number(row.progress ?? 0), ...steps, Number(row.paid_amount ?? 0), Number(row.flagged_events)]);
    }
    after = Number(rows.at(-1)!.seq);
  }
}
