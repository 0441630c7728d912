import type { CampaignStats } from '../tracking/get-stats.ts';

/** A campaign's counts, funnel and money recovered per currency as a small text table. */
export function printStats(stats: CampaignStats): string {
  const { counts, funnel } = stats;
  const rows: [string, number | string][] = [
    ['records read', counts.read],
    ['accepted', counts.accepted],
    ['rejected', counts.rejected],
    ['published (links issued)', counts.published],
    ['failed', counts.failed],
    ['viewed', funnel.viewed],
    ['played', funnel.played],
    ['reached 25 %', funnel.reached25],
    ['reached 50 %', funnel.reached50],
    ['reached 75 %', funnel.reached75],
    ['completed', funnel.completed],
    ['clicked Pay now', funnel.clickedPay],
    ['clicked payment plan', funnel.clickedPlan],
    ['opted out', funnel.optedOut],
    ...(stats.amounts ?? []).map((total): [string, string] => [
      `recovered ${total.currency}`,
      `${total.paidText} of ${total.owedText} (${(total.recoveryRate * 100).toFixed(1)} %)`,
    ]),
  ];
  const width = Math.max(...rows.map(([label]) => label.length));
  return [
    `Campaign ${stats.campaign} (${stats.template})`,
    ...rows.map(([label, value]) => `  ${label.padEnd(width)}  ${value}`),
  ].join('\n');
}
