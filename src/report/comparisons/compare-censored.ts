/**
 * Two strategies' censored times (detection, or rollback when some never recovered):
 * the log-rank test, and the difference of Kaplan–Meier medians with a bootstrap interval.
 */
import { logRankTest } from '../../stats/log-rank-test.js';
import type { CensoredTimes } from '../statistics/time-to-event.js';
import type { ComparedQuantity, RawComparison } from './comparison.js';
import { medianDifference } from './median-difference.js';
import { trialsForLogRank } from './trials-needed.js';

export interface CensoredArm {
  readonly strategy: string;
  readonly sample: CensoredTimes;
  /** Bootstrap replicates of its KM median. */
  readonly medianReplicates: Float64Array;
}

/** The comparison of two arms; both must hold at least one trial. */
export function compareCensored(quantity: ComparedQuantity, a: CensoredArm, b: CensoredArm): RawComparison {
  const test = logRankTest(a.sample, b.sample);
  const nA = a.sample.times.length;
  const nB = b.sample.times.length;
  const events = test.observed[0] + test.observed[1];
  return {
    quantity,
    a: a.strategy,
    b: b.strategy,
    test: 'log-rank',
    nA,
    nB,
    pValue: test.pValue,
    // z > 0: a had more events than expected, i.e. its events come sooner.
    better: test.z > 0 ? 'a' : test.z < 0 ? 'b' : null,
    effect: {
      kind: 'shift',
      method: 'bootstrap-median-difference',
      value: medianDifference(a.sample, b.sample, a.medianReplicates, b.medianReplicates),
    },
    trialsForEffect: (alpha) => trialsForLogRank(test.observed, test.expected, events / (nA + nB), alpha),
  };
}
