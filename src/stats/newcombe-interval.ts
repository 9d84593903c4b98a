import { wilsonInterval } from './wilson-interval.js';

/** A difference of two proportions, p₁ − p₂, with its confidence interval. */
export interface RateDifferenceInterval {
  readonly difference: number;
  readonly lower: number;
  readonly upper: number;
  readonly confidence: number;
}

/**
 * Newcombe's hybrid score interval for the difference of two independent proportions
 * p₁ − p₂ (Newcombe 1998, Stat. Med. 17:873, method 10): with Wilson intervals (l₁, u₁),
 * (l₂, u₂) for each rate, δ̂ − √((p̂₁ − l₁)² + (u₂ − p̂₂)²) to δ̂ + √((u₁ − p̂₁)² + (p̂₂ − l₂)²).
 * Well behaved at 0 and at small n, where the Wald interval is not. Same as statsmodels'
 * `confint_proportions_2indep(method = "newcomb")`. Cost: O(1).
 *
 * Edge cases: a group with 0 trials → [−1, 1] with difference NaN. Throws as
 * `wilsonInterval` on bad counts.
 *
 * @example newcombeInterval(56, 70, 48, 80) // {difference: 0.2, lower: 0.05243147, upper: 0.33387265} (Newcombe 1998, Table II: 0.0524, 0.3339)
 */
export function newcombeInterval(
  successes1: number,
  trials1: number,
  successes2: number,
  trials2: number,
  confidence = 0.95,
): RateDifferenceInterval {
  const a = wilsonInterval(successes1, trials1, confidence);
  const b = wilsonInterval(successes2, trials2, confidence);
  if (trials1 === 0 || trials2 === 0) return { difference: Number.NaN, lower: -1, upper: 1, confidence };
  const difference = a.estimate - b.estimate;
  const lower = difference - Math.hypot(a.estimate - a.lower, b.upper - b.estimate);
  const upper = difference + Math.hypot(a.upper - a.estimate, b.estimate - b.lower);
  return { difference, lower, upper, confidence };
}
