import { wilsonInterval } from '../../stats/wilson-interval.js';
import { zeroEventUpperBound } from '../../stats/zero-event-upper-bound.js';
import { CONFIDENCE, type Rate } from './estimate.js';

/**
 * A rate (detection, escape, false rollback) with its 95% Wilson interval, and when there
 * were no events the one-sided 95% upper bound (the rule of three's exact form), so
 * "0/40" also says "below 7.2%". n = 0 → estimate null, interval [0, 1].
 *
 * @example rateOf(10, 100) // {estimate: 0.1, lower: 0.0552…, upper: 0.1743…, zeroEventUpper: null, …}
 */
export function rateOf(successes: number, n: number): Rate {
  const w = wilsonInterval(successes, n, CONFIDENCE);
  return {
    successes,
    n,
    estimate: n === 0 ? null : w.estimate,
    lower: w.lower,
    upper: w.upper,
    zeroEventUpper: successes === 0 && n > 0 ? zeroEventUpperBound(n, CONFIDENCE).exact : null,
  };
}
