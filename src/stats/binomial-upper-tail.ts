import { logFactorial } from './log-factorial.js';

/**
 * P(X > k) for X ~ Binomial(n, p): the chance of strictly more than k events in n
 * independent trials. Sums the probabilities of k+1…n (or 1 minus the sum of 0…k when
 * that is the shorter, smaller-error side), each from log-factorials. Cost: O(n).
 *
 * Edge cases: k < 0 → 1; k ≥ n → 0; p = 0 → 0 (for k ≥ 0); p = 1 → 1 (for k < n).
 * Throws on n not a non-negative integer or p outside [0, 1].
 *
 * @example binomialUpperTail(10, 0.05, 1) // 0.08613835589931641 (scipy.stats.binom.sf(1, 10, 0.05))
 */
export function binomialUpperTail(n: number, p: number, k: number): number {
  if (!Number.isInteger(n) || n < 0)
    throw new RangeError(`binomialUpperTail: n must be a non-negative integer`);
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialUpperTail: p must be in [0, 1]`);
  const threshold = Math.floor(k);
  if (threshold < 0) return 1;
  if (threshold >= n) return 0;
  if (p === 0) return 0;
  if (p === 1) return 1;
  const logP = Math.log(p);
  const logQ = Math.log1p(-p);
  const pmf = (i: number): number =>
    Math.exp(logFactorial(n) - logFactorial(i) - logFactorial(n - i) + i * logP + (n - i) * logQ);
  // Sum the side that does not contain the mode's bulk, so a small tail keeps its digits.
  if (threshold + 1 > n * p) {
    let upper = 0;
    for (let i = n; i > threshold; i--) upper += pmf(i);
    return Math.min(1, upper);
  }
  let lower = 0;
  for (let i = 0; i <= threshold; i++) lower += pmf(i);
  return Math.max(0, 1 - lower);
}
