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
 * drawing how it spreads. The far tail (buckets almost never reached) is drawn as one
 * first.
 */

import type { Rng } from '../../stats/rng.js';
import { binomial } from './draws.js';
import { BUCKET_BOUNDS_S, BUCKET_COUNT, withinBucketMs } from './latency.js';

/** Tail mass at or below which the top buckets are drawn as one (see TailTable). */
const FAR_TAIL = 1e-3;

/**
 * A latency class's buckets prepared for top-down draws. The top buckets holding at most
 * FAR_TAIL of the mass (the far tail, from `cut` up) are first drawn as one — usually
 * none of a second's requests is there, and one draw says so — and only then bucket by
 * bucket; the body below `cut` bucket by bucket. Every draw is exact (the chain rule).
 */
export interface TailTable {
  /** P(bucket k | bucket ≤ k) for k < cut: the body's top-down draw. */
  readonly topDown: Float64Array;
  /** The lowest bucket of the far tail (BUCKET_COUNT when there is none), and its mass. */
  readonly cut: number;
  readonly tailMass: number;
  /** P(bucket k | cut ≤ bucket ≤ k) for k ≥ cut: the far tail's top-down draw. */
  readonly tailTopDown: Float64Array;
}

/** P(bucket k | from ≤ bucket ≤ k) for k ≥ from; 1 at the lowest bucket with mass, so that what is left ends there. */
export function topDownFrom(probs: Float64Array, from: number, out: Float64Array): void {
  let below = 0;
  for (let k = from; k < BUCKET_COUNT; k++) {
    below += probs[k];
    out[k] = below > 0 ? Math.min(1, probs[k] / below) : 0;
  }
  for (let k = from; k < BUCKET_COUNT; k++) {
    if (probs[k] > 0) {
      out[k] = 1;
      break;
    }
  }
}

export function tailTable(probs: Float64Array): TailTable {
  let cut = BUCKET_COUNT;
  let tailMass = 0;
  while (cut > 1 && tailMass + probs[cut - 1] <= FAR_TAIL) tailMass += probs[--cut];
  const topDown = new Float64Array(BUCKET_COUNT);
  const tailTopDown = new Float64Array(BUCKET_COUNT);
  topDownFrom(probs, 0, topDown);
  topDownFrom(probs, cut, tailTopDown);
  return { topDown, cut, tailMass, tailTopDown };
}

/**
 * The q-quantile (ms, exactly as `quantileFromBuckets` computes it) of the histogram of
 * `fixed[offset…offset + BUCKET_COUNT)` (counts per bucket) plus `n0` requests drawn over
 * the buckets by `table0` and `n1` by `table1` (null when n1 is 0). 0 when there are no
 * requests.
 */
export function tailQuantile(
  rng: Rng,
  q: number,
  n0: number,
  table0: TailTable,
  n1: number,
  table1: TailTable | null,
  fixed: Float64Array,
  offset: number,
): number {
  if (table1 === null) n1 = 0;
  let total = n0 + n1;
  for (let k = 0; k < BUCKET_COUNT; k++) total += fixed[offset + k];
  if (total === 0) return 0;
  // As quantileFromBuckets: the first bucket whose cumulative count reaches the rank.
  const rank = q * total;
  // Each class: how many are in its far tail, still to place; how many in its body.
  let tail0 = n0 > 0 ? binomial(rng, n0, table0.tailMass) : 0;
  let body0 = n0 - tail0;
  let tail1 = n1 > 0 ? binomial(rng, n1, table1!.tailMass) : 0;
  let body1 = n1 - tail1;
  let above = 0;
  for (let k = BUCKET_COUNT - 1; k >= 0; k--) {
    let c = fixed[offset + k];
    if (k >= table0.cut) {
      if (tail0 > 0) {
        const x = binomial(rng, tail0, table0.tailTopDown[k]);
        tail0 -= x;
        c += x;
      }
    } else if (body0 > 0) {
      const x = binomial(rng, body0, table0.topDown[k]);
      body0 -= x;
      c += x;
    }
    if (n1 > 0) {
      if (k >= table1!.cut) {
        if (tail1 > 0) {
          const x = binomial(rng, tail1, table1!.tailTopDown[k]);
          tail1 -= x;
          c += x;
        }
      } else if (body1 > 0) {
        const x = binomial(rng, body1, table1!.topDown[k]);
        body1 -= x;
        c += x;
      }
    }
    // The requests below bucket k count, not where they lie.
    const below = total - above - c;
    if (below < rank) return withinBucketMs(k, rank, below, c);
    above += c;
  }
  return BUCKET_BOUNDS_S[BUCKET_BOUNDS_S.length - 1] * 1000;
}
