/** A variant against the control on one conversion: the rates, the z-test and what it means. */
export type Comparison = {
  metric: string;
  control: string;
  variant: string;
  controlRate: number;
  variantRate: number;
  z: number;
  pValue: number;
  significant: boolean;
  verdict: string;
};

/**
 * Two-proportion z-test (pooled, two-sided) of `variant` against `control`: successes out of
 * trials each. Significant at p < 0.05; with fewer than 5 successes or failures in an arm the
 * normal approximation does not hold and the verdict says to wait.
 */
export function compareProportions(options: {
  metric: string;
  control: { id: string; successes: number; trials: number };
  variant: { id: string; successes: number; trials: number };
}): Comparison {
  const { control, variant, metric } = options;
  const controlRate = control.trials > 0 ? control.successes / control.trials : 0;
  const variantRate = variant.trials > 0 ? variant.successes / variant.trials : 0;
  const pooled = (control.successes + variant.successes) / Math.max(1, control.trials + variant.trials);
  const standardError = Math.sqrt(
    pooled * (1 - pooled) * (1 / Math.max(1, control.trials) + 1 / Math.max(1, variant.trials)),
  );
  const z = standardError > 0 ? (variantRate - controlRate) / standardError : 0;
  const pValue = standardError > 0 ? 2 * (1 - normalCdf(Math.abs(z))) : 1;
  const tooFew = [control, variant].some((arm) => arm.successes < 5 || arm.trials - arm.successes < 5);
  const significant = !tooFew && pValue < 0.05;
  const percent = (rate: number) => `${(rate * 100).toFixed(1)} %`;
  const p = pValue < 0.001 ? 'p < 0.001' : `p = ${pValue.toFixed(3)}`;
  const verdict = tooFew
    ? `Too little data yet: ${variant.id} ${percent(variantRate)} vs ${control.id} ${percent(controlRate)} ${metric}; wait for at least 5 conversions and 5 non-conversions in each variant`
    : significant
      ? `${variant.id} ${variantRate > controlRate ? 'converts better' : 'converts worse'} than ${control.id} on ${metric}: ${percent(variantRate)} vs ${percent(controlRate)} (${p}); the difference is unlikely to be chance`
      : `No clear difference on ${metric}: ${variant.id} ${percent(variantRate)} vs ${control.id} ${percent(controlRate)} (${p}); keep both running or call it a tie`;
  return {
    metric,
    control: control.id,
    variant: variant.id,
    controlRate,
    variantRate,
    z,
    pValue,
    significant,
    verdict,
  };
}

/** The standard normal distribution function (Abramowitz–Stegun 7.1.26 for erf, error < 1.5e-7). */
export function normalCdf(x: number): number {
  const t = 1 / (1 + 0.3275911 * (Math.abs(x) / Math.SQRT2));
  const erf =
    1 -
    ((((1.061405429 * t - 1.453152027) * t + 1.421413741) * t - 0.284496736) * t + 0.254829592) *
      t *
      Math.exp(-(x * x) / 2);
  return x >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}
