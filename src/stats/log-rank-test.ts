import { normalCdf } from './normal-cdf.js';

/** Right-censored event times of one group. */
export interface CensoredSample {
  readonly times: readonly number[];
  /** true: the event happened at that time; false: censored then. */
  readonly events: readonly boolean[];
}

export interface LogRankResult {
  /** Σ(O₁ − E₁)/√V: positive when the first group has more events than expected (e.g. detects faster). */
  readonly z: number;
  /** z², R's `survdiff` chisq (1 degree of freedom). */
  readonly chiSquare: number;
  /** Two-sided p-value. */
  readonly pValue: number;
  readonly observed: readonly [number, number];
  readonly expected: readonly [number, number];
  readonly variance: number;
}

/**
 * The log-rank (Mantel–Cox) test that two groups share one survival function — e.g.
 * detection-time curves of two strategies, with undetected trials censored. At each
 * distinct event time j: E₁ⱼ = dⱼ·n₁ⱼ/nⱼ and the hypergeometric variance
 * Vⱼ = dⱼ(n₁ⱼ/nⱼ)(1 − n₁ⱼ/nⱼ)(nⱼ − dⱼ)/(nⱼ − 1); z = Σ(d₁ⱼ − E₁ⱼ)/√ΣVⱼ, p = 2Φ(−|z|).
 * Same statistic as R's `survdiff(Surv(time, event) ~ group)` and lifelines'
 * `logrank_test`. Most powerful when the hazards are proportional; it can miss curves that
 * cross. Cost: O(n log n).
 *
 * Edge cases: no events at all, or V = 0 → z = 0, p = 1. Throws on mismatched lengths or
 * an empty group.
 *
 * @example logRankTest({times: [1, 2, 3], events: [true, true, true]}, {times: [4, 5, 6], events: [true, true, true]}).chiSquare // 5.051660516605167
 */
export function logRankTest(a: CensoredSample, b: CensoredSample): LogRankResult {
  for (const g of [a, b]) {
    if (g.times.length !== g.events.length)
      throw new RangeError('logRankTest: times and events differ in length');
    if (g.times.length === 0) throw new RangeError('logRankTest: empty group');
  }
  const all = [
    ...a.times.map((t, i) => ({ t, event: a.events[i], first: true })),
    ...b.times.map((t, i) => ({ t, event: b.events[i], first: false })),
  ].sort((p, q) => p.t - q.t);
  let n1 = a.times.length;
  let n = all.length;
  let observed1 = 0;
  let expected1 = 0;
  let variance = 0;
  let totalEvents = 0;
  let i = 0;
  while (i < all.length) {
    const t = all[i].t;
    let d = 0;
    let d1 = 0;
    let leaving1 = 0;
    let leaving = 0;
    while (i < all.length && all[i].t === t) {
      if (all[i].event) {
        d++;
        if (all[i].first) d1++;
      }
      if (all[i].first) leaving1++;
      leaving++;
      i++;
    }
    if (d > 0) {
      const share = n1 / n;
      observed1 += d1;
      expected1 += d * share;
      if (n > 1) variance += (d * share * (1 - share) * (n - d)) / (n - 1);
      totalEvents += d;
    }
    n1 -= leaving1;
    n -= leaving;
  }
  const observed: [number, number] = [observed1, totalEvents - observed1];
  const expected: [number, number] = [expected1, totalEvents - expected1];
  if (!(variance > 0)) return { z: 0, chiSquare: 0, pValue: 1, observed, expected, variance };
  const z = (observed1 - expected1) / Math.sqrt(variance);
  return { z, chiSquare: z * z, pValue: 2 * normalCdf(-Math.abs(z)), observed, expected, variance };
}
