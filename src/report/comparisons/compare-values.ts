/**
 * Two strategies' uncensored values (rollback times when every rollback finished, failed
 * requests): the Mann-Whitney test with the Hodges–Lehmann shift and its interval.
 */
import { hodgesLehmannShift } from '../../stats/hodges-lehmann-shift.js';
import { mannWhitneyU } from '../../stats/mann-whitney-u.js';
import { CONFIDENCE, estimateOf } from '../statistics/estimate.js';
import type { ComparedQuantity, RawComparison } from './comparison.js';
import { trialsForRanks } from './trials-needed.js';

/** The comparison of a's and b's values; both need at least one value. */
export function compareValues(
  quantity: ComparedQuantity,
  a: { readonly strategy: string; readonly values: readonly number[] },
  b: { readonly strategy: string; readonly values: readonly number[] },
): RawComparison {
  const test = mannWhitneyU(a.values, b.values);
  const shift = hodgesLehmannShift(a.values, b.values, { confidence: CONFIDENCE });
  const leaning = test.commonLanguage - 0.5;
  return {
    quantity,
    a: a.strategy,
    b: b.strategy,
    test: 'mann-whitney',
    nA: a.values.length,
    nB: b.values.length,
    pValue: test.pValue,
    // commonLanguage = P(a > b) + ½P(a = b): above ½, a's values tend to be larger (worse).
    better: leaning > 1e-12 ? 'b' : leaning < -1e-12 ? 'a' : null,
    effect: {
      kind: 'shift',
      method: 'hodges-lehmann',
      value: estimateOf(shift.estimate, shift.lower, shift.upper),
    },
    trialsForEffect: (alpha) => trialsForRanks(test.commonLanguage, alpha),
  };
}
