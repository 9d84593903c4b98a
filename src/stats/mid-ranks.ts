/** Ranks of a sample with ties given their average rank, and the sizes of the tie groups. */
export interface MidRanks {
  /** ranks[i] is the 1-based rank of values[i]; tied values share the mean of their ranks. */
  readonly ranks: Float64Array;
  /** The size of every group of tied values with more than one member. */
  readonly tieSizes: readonly number[];
}

/**
 * Mid-ranks ("average" ranking, R's `rank(ties.method = "average")`, SciPy's `rankdata`)
 * of a numeric sample, with the sizes of its tie groups — what rank tests need for their
 * statistic and the tie correction Σ(t³ − t). Cost: O(n log n).
 *
 * Edge cases: NaN values are not allowed (throws); −0 and 0 tie.
 *
 * @example midRanks([10, 20, 20, 5]) // {ranks: [2, 3.5, 3.5, 1], tieSizes: [2]}
 */
export function midRanks(values: readonly number[]): MidRanks {
  const n = values.length;
  const order = Array.from({ length: n }, (_, i) => i);
  for (const v of values) if (Number.isNaN(v)) throw new RangeError('midRanks: NaN in sample');
  order.sort((a, b) => values[a] - values[b]);
  const ranks = new Float64Array(n);
  const tieSizes: number[] = [];
  let start = 0;
  while (start < n) {
    let end = start + 1;
    while (end < n && values[order[end]] === values[order[start]]) end++;
    const rank = (start + 1 + end) / 2;
    for (let k = start; k < end; k++) ranks[order[k]] = rank;
    if (end - start > 1) tieSizes.push(end - start);
    start = end;
  }
  return { ranks, tieSizes };
}
