/**
 * "Not enough trials to tell — about N would be needed": trials per strategy for a
 * two-sided test at level α (the report passes 0.05 divided by the number of comparisons
 * in the scenario, the level the Holm procedure holds its last comparison to) with 80%
 * power to find the difference seen, were it real. Each uses the sample-size formula of
 * its test. The estimate is as uncertain as the effect it is computed from: it gives the
 * order of magnitude, not an exact plan.
 */
import { noetherSampleSize } from '../../stats/noether-sample-size.js';
import { normalQuantile } from '../../stats/normal-quantile.js';
import { sampleSizeTwoProportions } from '../../stats/sample-size-two-proportions.js';

const POWER = 0.8;

/**
 * Two rates (Fisher's test): `sampleSizeTwoProportions` on the observed rates, each kept
 * at least ½ trial away from 0 and 1 (a rate of 0/40 is "below 1/80", not zero). null
 * when the observed rates are equal.
 */
export function trialsForRates(x1: number, n1: number, x2: number, n2: number, alpha: number): number | null {
  const clamp = (x: number, n: number) => Math.min(1 - 0.5 / n, Math.max(0.5 / n, x / n));
  // The same share seen in both (0/20 and 0/5): no difference to size.
  if (n1 === 0 || n2 === 0 || x1 * n2 === x2 * n1) return null;
  const p1 = clamp(x1, n1);
  const p2 = clamp(x2, n2);
  if (p1 === p2) return null;
  return sampleSizeTwoProportions(p1, p2, { alpha, power: POWER });
}

/**
 * A rank comparison (Mann-Whitney) by Noether's formula, from the common-language effect
 * size seen (P(X > Y) + ½P(X = Y)); equal groups. null when it is ½ (no tendency).
 */
export function trialsForRanks(commonLanguage: number, alpha: number): number | null {
  if (!(commonLanguage > 0 && commonLanguage < 1) || Math.abs(commonLanguage - 0.5) < 1e-12) return null;
  return noetherSampleSize({ superiority: commonLanguage, alpha, power: POWER }).perGroup[0];
}

/**
 * A log-rank comparison by Schoenfeld's formula (Schoenfeld 1983): events needed
 * D = 4(z_{1−α/2} + z_{1−β})² / (ln HR)² for equal groups, with the hazard ratio estimated
 * as (O₁/E₁)/(O₂/E₂) from the log-rank table; trials per strategy = D / (2·P(event)), P the
 * pooled share of trials with the event. null when HR is 1 or cannot be estimated.
 */
export function trialsForLogRank(
  observed: readonly [number, number],
  expected: readonly [number, number],
  eventShare: number,
  alpha: number,
): number | null {
  const [o1, o2] = observed;
  const [e1, e2] = expected;
  if (!(o1 > 0 && o2 > 0 && e1 > 0 && e2 > 0 && eventShare > 0)) return null;
  const logHazardRatio = Math.log(o1 / e1 / (o2 / e2));
  if (!(Math.abs(logHazardRatio) > 1e-12)) return null;
  const z = normalQuantile(1 - alpha / 2) + normalQuantile(POWER);
  const events = (4 * z * z) / (logHazardRatio * logHazardRatio);
  return Math.ceil(events / (2 * eventShare) - 1e-9);
}
