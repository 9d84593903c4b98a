import { normalQuantile } from './normal-quantile.js';

export interface TwoProportionDesign {
  /** Type I error rate α (default 0.05). */
  readonly alpha?: number;
  /** Wanted power 1 − β (default 0.8). */
  readonly power?: number;
  /** 2 (default): two-sided test at α; 1: one-sided. */
  readonly sided?: 1 | 2;
}

/**
 * Trials per arm needed to tell two rates p₁ and p₂ apart (e.g. false-rollback rates of
 * two analysis templates) with a two-proportion z-test (Fleiss, Levin & Paik 2003, eq. 4.14
 * without continuity correction):
 * n = [z_{1−α/s}·√(2p̄q̄) + z_{1−β}·√(p₁q₁ + p₂q₂)]² / (p₁ − p₂)², p̄ = (p₁ + p₂)/2, rounded
 * up. Same n as R's `power.prop.test` (which solves its power equation for n). Not the
 * margin-of-error formula z²p(1−p)/E², which has no power and no second arm. Cost: O(1).
 *
 * Edge cases: throws unless 0 < p₁, p₂ < 1, p₁ ≠ p₂, 0 < α < 1 and 0 < power < 1.
 *
 * @example sampleSizeTwoProportions(0.01, 0.02) // 2319 (R's n = 2318.16, rounded up; one-sided: 1826)
 */
export function sampleSizeTwoProportions(p1: number, p2: number, design: TwoProportionDesign = {}): number {
  const { alpha = 0.05, power = 0.8, sided = 2 } = design;
  for (const p of [p1, p2])
    if (!(p > 0 && p < 1)) throw new RangeError('sampleSizeTwoProportions: rates must be in (0, 1)');
  if (p1 === p2) throw new RangeError('sampleSizeTwoProportions: the rates must differ');
  if (!(alpha > 0 && alpha < 1) || !(power > 0 && power < 1)) {
    throw new RangeError('sampleSizeTwoProportions: alpha and power must be in (0, 1)');
  }
  const pBar = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - alpha / sided);
  const zBeta = normalQuantile(power);
  const root = zAlpha * Math.sqrt(2 * pBar * (1 - pBar)) + zBeta * Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  const n = (root * root) / ((p1 - p2) * (p1 - p2));
  return Math.ceil(n - 1e-9);
}
