import { toCsvLine } from '../to-csv-line.ts';
import type { Queryable } from '../store/db.ts';
import { funnelSteps, makeStepColumns } from './funnel-steps.ts';
import type { Analytics } from './get-analytics.ts';

const funnelColumns = ['issued', ...funnelSteps.map((step) => step.key), 'paid', 'recoveryRate'] as const;
const moneyColumns = ['owedAmount', 'paidAmount', 'amountRecoveryRate'] as const;

/**
 * The funnel as CSV: one line for the campaign, one per variant; money in columns per currency
 * (`owedAmount_EUR`, `paidAmount_TWD`, …), since amounts of different currencies never add up.
 */
export function makeFunnelCsv(analytics: Analytics): string {
  const rows = [{ id: 'all', funnel: analytics.funnel, amounts: analytics.amounts ?? [] }, ...analytics.variants];
  const currencies = (analytics.amounts ?? []).map((total) => total.currency);
  const header = ['variant', ...funnelColumns, ...currencies.flatMap((currency) => moneyColumns.map((column) => `${column}_${currency}`))];
  const line = (row: (typeof rows)[number]) => {
    const money = currencies.flatMap((currency) => {
      const total = row.amounts?.find((candidate) => candidate.currency === currency);
      return [total?.owed ?? 0, total?.paid ?? 0, total?.recoveryRate ?? 0];
    });
    return toCsvLine([row.id, ...funnelColumns.map((key) => row.funnel[key]), ...money]);
  };
  return toCsvLine(header) + rows.map(line).join('');
}

/** Per recipient: variant, the furthest progress, each funnel step reached (yes/no) and what they paid, in which currency. Streamed page by page. */
export async function* makeOutcomesCsv(options: { db: Queryable; campaignId: string }): AsyncGenerator<string> {
  yield toCsvLine(['id', 'variant', 'status', 'progress', ...funnelSteps.map((step) => step.key), 'paid_amount', 'currency', 'flagged_events']);
  let after = 0;
  for (;;) {
    const { rows } = await options.db.query<Record<string, unknown>>(
      `with page as (
         select seq, record_id, variant, status, coalesce(data ->> 'currency', 'EUR') as currency from recipients where campaign_id = $1 and seq > $2 order by seq limit 1000
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
      yield toCsvLine([String(row.record_id), String(row.variant ?? ''), String(row.status), Number(row.progress ?? 0), ...steps, Number(row.paid_amount ?? 0), String(row.currency), Number(row.flagged_events)]);
    }
    after = Number(rows.at(-1)!.seq);
  }
}
