import { normalQuantile } from './normal-quantile.js';

export interface NoetherDesign {
  /** P(X < Y) under the alternative (0.5 = no effect), e.g. the common-language effect size hoped for. */
  readonly superiority: number;
  readonly alpha?: number;
  readonly power?: number;
  readonly sided?: 1 | 2;
  /** Share c of all trials in the first group (default 0.5). */
  readonly fraction?: number;
}

export interface NoetherSampleSize {
  /** Total trials N, rounded up. */
  readonly total: number;
  /** Trials per group: ⌈cN⌉ and ⌈(1 − c)N⌉. */
  readonly perGroup: readonly [number, number];
}

/**
 * Trials needed for a Mann-Whitney (Wilcoxon rank-sum) test to detect an effect, by
 * Noether's formula (Noether 1987, JASA 82:645): N = (z_{1−α/s} + z_{1−β})² /
 * (12·c(1 − c)·(P − ½)²), P = P(X < Y), c = n_x/N. No distribution is assumed; P is
 * the common-language effect size, so "a rollback time shorter than the other strategy's
 * 64% of the time" is P = 0.64. Cost: O(1).
 *
 * Edge cases: throws unless 0 < P < 1, P ≠ ½, 0 < c < 1.
 *
 * @example noetherSampleSize({superiority: 0.7}) // {total: 66, perGroup: [33, 33]}
 */
export function noetherSampleSize(design: NoetherDesign): NoetherSampleSize {
  const { superiority, alpha = 0.05, power = 0.8, sided = 2, fraction = 0.5 } = design;
  if (!(superiority > 0 && superiority < 1) || superiority === 0.5) {
    throw new RangeError('noetherSampleSize: superiority must be in (0, 1) and not ½');
  }
  if (!(fraction > 0 && fraction < 1)) throw new RangeError('noetherSampleSize: fraction must be in (0, 1)');
  const z = normalQuantile(1 - alpha / sided) + normalQuantile(power);
  const effect = superiority - 0.5;
  const n = (z * z) / (12 * fraction * (1 - fraction) * effect * effect);
  const total = Math.ceil(n - 1e-9);
  return { total, perGroup: [Math.ceil(fraction * total - 1e-9), Math.ceil((1 - fraction) * total - 1e-9)] };
}
