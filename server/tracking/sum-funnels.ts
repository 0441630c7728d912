import { funnelSteps } from '../store/funnel-steps.ts';
import type { FunnelCounts } from '../store/funnel-by-variant.ts';

/** Adds funnels together (the campaign's total from its variants). */
export function sumFunnels(funnels: Iterable<FunnelCounts>): FunnelCounts {
  const total: Record<string, number> = {};
  for (const funnel of funnels)
    for (const [key, value] of Object.entries(funnel)) total[key] = (total[key] ?? 0) + value;
  const counts = {
    issued: 0,
    paid: 0,
    ...Object.fromEntries(funnelSteps.map((step) => [step.key, 0])),
    ...total,
  } as FunnelCounts;
  counts.recoveryRate = counts.issued > 0 ? counts.paid / counts.issued : 0;
  return counts;
}
