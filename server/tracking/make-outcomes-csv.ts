import { toCsvLine } from '../to-csv-line.ts';
import type { Queryable } from '../store/db.ts';
import { funnelSteps } from '../store/funnel-steps.ts';
import { listRecipientOutcomes } from '../store/recipient-outcomes.ts';
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
  const header = [
    'variant',
    ...funnelColumns,
    ...currencies.flatMap((currency) => moneyColumns.map((column) => `${column}_${currency}`)),
  ];
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
  yield toCsvLine([
    'id',
    'variant',
    'status',
    'progress',
    ...funnelSteps.map((step) => step.key),
    'paid_amount',
    'currency',
    'flagged_events',
  ]);
  let after = 0;
  for (;;) {
    const outcomes = await listRecipientOutcomes({
      db: options.db,
      campaignId: options.campaignId,
      afterSeq: after,
      limit: 1000,
    });
    if (outcomes.length === 0) return;
    for (const outcome of outcomes) {
      const steps = funnelSteps.map((step) => (outcome.steps[step.key] ? 'yes' : 'no'));
      yield toCsvLine([
        outcome.recordId,
        outcome.variant,
        outcome.status,
        outcome.progress,
        ...steps,
        outcome.paidAmount,
        outcome.currency,
        outcome.flaggedEvents,
      ]);
    }
    after = outcomes.at(-1)!.seq;
  }
}
