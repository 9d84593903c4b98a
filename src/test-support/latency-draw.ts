/**
 * The reference for tests of the per-tick fidelity's latency quantiles: every request of
 * every class drawn over every bucket (a multinomial), then the quantile of the whole
 * histogram — what the engine's shortcuts must agree with in distribution.
 */
import type { Rng } from '../stats/rng.js';
import { binomial } from '../targets/sim/draws.js';
import { BUCKET_COUNT, quantileFromBuckets } from '../targets/sim/latency.js';

/** The q-quantile of `fixed` (counts per bucket) plus `counts[c]` requests drawn over the buckets with `probs[c]`. */
export function fullDrawQuantile(
  rng: Rng,
  q: number,
  counts: readonly number[],
  probs: readonly Float64Array[],
  fixed: Float64Array = new Float64Array(BUCKET_COUNT),
): number {
  const h = Float64Array.from(fixed);
  for (const [c, n] of counts.entries()) {
    let left = n;
    let pLeft = 1;
    for (let k = 0; k < BUCKET_COUNT && left > 0; k++) {
      const x = k === BUCKET_COUNT - 1 ? left : binomial(rng, left, Math.min(1, probs[c][k] / pLeft));
      h[k] += x;
      left -= x;
      pLeft -= probs[c][k];
    }
  }
  return quantileFromBuckets(h, 0, q);
}
