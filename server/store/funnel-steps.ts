/**
 * The funnel, in order: each step is a recipient having at least one counted (unflagged) event
 * of these types. `plan_chosen`, `gate_passed` and `click_hotspot` come from the page's forms,
 * plan selector and hotspots.
 */
export const funnelSteps = [
  { key: 'opened', types: ['open'] },
  { key: 'viewed', types: ['view'] },
  { key: 'gatePassed', types: ['gate_passed'] },
  { key: 'played', types: ['play'] },
  { key: 'reached50', types: ['progress_50'] },
  { key: 'completed', types: ['complete'] },
  { key: 'clicked', types: ['click_pay', 'click_plan', 'click_hotspot'] },
  { key: 'planChosen', types: ['plan_chosen'] },
  { key: 'optedOut', types: ['opt_out'] },
] as const;

export type FunnelStepKey = (typeof funnelSteps)[number]['key'];

/** The SQL columns (`bool_or(...) as "<key>"`) that say, per recipient, which steps they reached. */
export function makeStepColumns(): string {
  return funnelSteps
    .map((step) => `bool_or(e.type in (${step.types.map((type) => `'${type}'`).join(', ')})) as "${step.key}"`)
    .join(',\n    ');
}
