import { midRanks } from './mid-ranks.js';

/**
 * The common-language effect size (McGraw & Wong 1992; Vargha & Delaney's A, 2000):
 * A = P(X > Y) + ½·P(X = Y) for a random x from the first sample and y from the second,
 * = U/(n_x n_y). 0.5 means no tendency either way; "strategy A's rollback is slower than
 * B's in 71% of pairs" is A = 0.71. Kayenta's `cles` effect size is this with x the
 * canary. Cost: O(N log N).
 *
 * Edge cases: throws when a sample is empty or contains NaN.
 *
 * @example commonLanguageEffectSize([1, 2, 3], [1, 1]) // 0.8333333333333334 ((1 + 2 + 2)/6)
 */
export function commonLanguageEffectSize(x: readonly number[], y: readonly number[]): number {
  if (x.length === 0 || y.length === 0) throw new RangeError('commonLanguageEffectSize: empty sample');
  const { ranks } = midRanks([...x, ...y]);
  let rankSumX = 0;
  for (let i = 0; i < x.length; i++) rankSumX += ranks[i];
  return (rankSumX - (x.length * (x.length + 1)) / 2) / (x.length * y.length);
}
