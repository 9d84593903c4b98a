/**
 * Two strategies' rates (escapes, false rollbacks): Fisher's exact test and Newcombe's
 * interval for the difference.
 */
import { fisherExact } from '../../stats/fisher-exact.js';
import { newcombeInterval } from '../../stats/newcombe-interval.js';
import type { Rate } from '../statistics/estimate.js';
import { CONFIDENCE, estimateOf } from '../statistics/estimate.js';
import type { ComparedQuantity, RawComparison } from './comparison.js';
import { trialsForRates } from './trials-needed.js';

/** The comparison of two rates x/n; both need n > 0. */
export function compareRates(
  quantity: ComparedQuantity,
  a: { readonly strategy: string; readonly rate: Rate },
  b: { readonly strategy: string; readonly rate: Rate },
): RawComparison {
  const ra = a.rate;
  const rb = b.rate;
  const test = fisherExact([
    [ra.successes, ra.n - ra.successes],
    [rb.successes, rb.n - rb.successes],
  ]);
  const difference = newcombeInterval(ra.successes, ra.n, rb.successes, rb.n, CONFIDENCE);
  const pa = ra.successes / ra.n;
  const pb = rb.successes / rb.n;
  return {
    quantity,
    a: a.strategy,
    b: b.strategy,
    test: 'fisher',
    nA: ra.n,
    nB: rb.n,
    pValue: test.pValue,
    better: pa < pb ? 'a' : pa > pb ? 'b' : null,
    effect: {
      kind: 'rateDifference',
      method: 'newcombe',
      value: estimateOf(difference.difference, difference.lower, difference.upper),
    },
    trialsForEffect: (alpha) => trialsForRates(ra.successes, ra.n, rb.successes, rb.n, alpha),
  };
}
