/**
 * A quantile of a second's latency histogram without drawing the whole histogram.
 *
 * The per-tick fidelity knows how many requests of each latency class (plain, delayed)
 * a path served in one second, and some requests whose bucket is fixed (timeouts,
 * the router's 503s). The client's p99 of that second is `quantileFromBuckets` of a
 * multinomial draw of each class over the buckets. For q near 1 only the top of that
 * draw matters: drawing the buckets from the top down (each bucket a binomial of what is
 * left, with the bucket's probability given that the request is not above it) and
 * stopping at the bucket where the rank is crossed gives the same value, with the same
 * distribution, as the full draw — the count below the crossing bucket is known without
 * drawing how it spreads.
 */

import type { Rng } from '../../stats/rng.js';
import { binomial } from './draws.js';
import { BUCKET_BOUNDS_S, BUCKET_COUNT } from './latency.js';

/**
 * P(bucket k | bucket ≤ k) for each k: the probabilities of a top-down draw (1 at the
 * lowest bucket with mass, so that what is left ends there).
 */
export function topDownProbabilities(probs: Float64Array): Float64Array {
  const out = new Float64Array(BUCKET_COUNT);
  let below = 0;
  for (let k = 0; k < BUCKET_COUNT; k++) {
    below += probs[k];
    out[k] = below > 0 ? Math.min(1, probs[k] / below) : 0;
  }
  for (let k = 0; k < BUCKET_COUNT; k++) {
    if (probs[k] > 0) {
      out[k] = 1;
      break;
    }
  }
  return out;
}

/**
 * The q-quantile (ms, exactly as `quantileFromBuckets` computes it) of the histogram of
 * `fixed[offset…offset + BUCKET_COUNT)` (counts per bucket) plus `n0` requests drawn over
 * the buckets with top-down probabilities `topDown0` and `n1` with `topDown1` (null when
 * n1 is 0). 0 when there are no requests.
 */
export function tailQuantile(
  rng: Rng,
  q: number,
  n0: number,
  topDown0: Float64Array,
  n1: number,
  topDown1: Float64Array | null,
  fixed: Float64Array,
  offset: number,
): number {
  let total = n0 + (topDown1 === null ? 0 : n1);
  for (let k = 0; k < BUCKET_COUNT; k++) total += fixed[offset + k];
  if (total === 0) return 0;
  // As quantileFromBuckets: the first bucket whose cumulative count reaches the rank.
  const rank = q * total;
  let left0 = n0;
  let left1 = topDown1 === null ? 0 : n1;
  let above = 0;
  for (let k = BUCKET_COUNT - 1; k >= 0; k--) {
    let c = fixed[offset + k];
    if (left0 > 0) {
      const x = binomial(rng, left0, topDown0[k]);
      left0 -= x;
      c += x;
    }
    if (left1 > 0) {
      const x = binomial(rng, left1, topDown1![k]);
      left1 -= x;
      c += x;
    }
    // The requests below bucket k count, not where they lie.
    const below = total - above - c;
    if (below < rank) {
      if (k === BUCKET_COUNT - 1) return BUCKET_BOUNDS_S[BUCKET_BOUNDS_S.length - 1] * 1000;
      const lower = k === 0 ? 0 : BUCKET_BOUNDS_S[k - 1];
      const upper = BUCKET_BOUNDS_S[k];
      return (lower + ((upper - lower) * (rank - below)) / c) * 1000;
    }
    above += c;
  }
  return BUCKET_BOUNDS_S[BUCKET_BOUNDS_S.length - 1] * 1000;
}
