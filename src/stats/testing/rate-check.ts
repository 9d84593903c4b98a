import { expect } from 'vitest';
import { binomialUpperTail } from '../binomial-upper-tail.js';

/**
 * Check that `count` successes in `trials` Monte Carlo runs are consistent with a true rate
 * in [low, high]: the count must lie inside the two-sided 99.9% acceptance region of
 * Binomial(trials, low) on the left and Binomial(trials, high) on the right. With a fixed
 * seed the outcome is deterministic; the 0.1% level says how surprising a failure would be
 * for a correct implementation. Returns the observed rate, for messages.
 */
export function expectRateWithin(
  count: number,
  trials: number,
  low: number,
  high: number,
  what: string,
): number {
  const tail = 0.0005;
  // lo: the first k with P(X ≤ k) > tail under the lower rate (so P(X < lo) ≤ tail).
  const lo = low > 0 ? firstTrue(trials, (k) => 1 - binomialUpperTail(trials, low, k) > tail) : 0;
  // hi: the first k with P(X > k) ≤ tail under the higher rate.
  const hi = high >= 1 ? trials : firstTrue(trials, (k) => binomialUpperTail(trials, high, k) <= tail);
  const rate = count / trials;
  // CALIBRATION_LOG=1 npx vitest run src/stats/calibration prints every observed rate.
  if (process.env.CALIBRATION_LOG)
    console.log(`${what}: ${count}/${trials} = ${rate.toFixed(4)}, accepted [${lo}, ${hi}]`);
  if (count < lo || count > hi) {
    throw new Error(
      `${what}: ${count}/${trials} = ${rate.toFixed(4)} outside [${lo}, ${hi}] (rate in [${low}, ${high}] at 99.9%)`,
    );
  }
  expect(count).toBeGreaterThanOrEqual(lo);
  return rate;
}

/** The smallest k in [0, n] where a monotone predicate turns true (n if never), by bisection. */
function firstTrue(n: number, predicate: (k: number) => boolean): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (predicate(mid)) hi = mid;
    else lo = mid + 1;
  }
  return lo;
}
