import { normalCdf } from './normal-cdf.js';
import { normalQuantile } from './normal-quantile.js';

/**
 * The power of a two-proportion z-test with n trials per arm to detect rates p₁ vs p₂
 * at level α: Φ((√n·|p₁ − p₂| − z_{1−α/s}·√(2p̄q̄)) / √(p₁q₁ + p₂q₂)) — the equation
 * `sampleSizeTwoProportions` inverts, and R's `power.prop.test(n, p1, p2)` (whose
 * two-sided power, like this one, ignores the far tail). Use it to say "with the trials
 * run, a difference this large would be found X% of the time". Cost: O(1).
 *
 * Edge cases: n = 0 → Φ(−z) (= α/s); p₁ = p₂ → α/s. Throws on rates outside (0, 1).
 *
 * @example powerTwoProportions(0.01, 0.02, 2318) // 0.79997212333924 (R: power.prop.test)
 */
export function powerTwoProportions(
  p1: number,
  p2: number,
  n: number,
  alpha = 0.05,
  sided: 1 | 2 = 2,
): number {
  for (const p of [p1, p2])
    if (!(p > 0 && p < 1)) throw new RangeError('powerTwoProportions: rates must be in (0, 1)');
  if (!(n >= 0)) throw new RangeError('powerTwoProportions: n must be ≥ 0');
  const pBar = (p1 + p2) / 2;
  const zAlpha = normalQuantile(1 - alpha / sided);
  const spread = Math.sqrt(p1 * (1 - p1) + p2 * (1 - p2));
  return normalCdf((Math.sqrt(n) * Math.abs(p1 - p2) - zAlpha * Math.sqrt(2 * pBar * (1 - pBar))) / spread);
}
