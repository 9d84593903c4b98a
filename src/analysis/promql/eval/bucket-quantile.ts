/**
 * Prometheus 2.42's `bucketQuantile`, the heart of histogram_quantile over classic
 * histograms: the φ-quantile of cumulative bucket counts, interpolated linearly inside
 * the bucket that holds rank φ·count.
 *
 * Special cases, in Prometheus's order: q = NaN → NaN; q < 0 → −Inf; q > 1 → +Inf; the
 * highest bucket is not +Inf → NaN; after merging equal bounds and forcing counts to be
 * monotonic (a bucket never counts less than a lower one), fewer than 2 buckets → NaN; 0
 * observations → NaN; the rank falls in the +Inf bucket → the upper bound of the
 * second-highest bucket; it falls in the first bucket whose bound is ≤ 0 → that bound; the
 * first bucket's lower bound is 0 otherwise.
 *
 * `upper` and `counts` are parallel; the `n` buckets starting at `from` may be in any
 * order and are sorted (and merged) in place.
 */
export function bucketQuantile(
  q: number,
  upperAll: Float64Array,
  countsAll: Float64Array,
  from: number,
  n: number,
): number {
  if (Number.isNaN(q)) return Number.NaN;
  if (q < 0) return Number.NEGATIVE_INFINITY;
  if (q > 1) return Number.POSITIVE_INFINITY;
  const upper = from === 0 ? upperAll : upperAll.subarray(from, from + n);
  const counts = from === 0 ? countsAll : countsAll.subarray(from, from + n);
  sortBuckets(upper, counts, n);
  if (upper[n - 1] !== Number.POSITIVE_INFINITY) return Number.NaN;
  // Merge buckets with the same upper bound.
  let m = 0;
  for (let i = 1; i < n; i++) {
    if (upper[i] === upper[m]) counts[m] += counts[i];
    else {
      m++;
      upper[m] = upper[i];
      counts[m] = counts[i];
    }
  }
  m++;
  // Force monotonic counts (the "envelope": a decrease is raised to the running max).
  let max = counts[0];
  for (let i = 1; i < m; i++) {
    if (counts[i] > max) max = counts[i];
    else if (counts[i] < max) counts[i] = max;
  }
  if (m < 2) return Number.NaN;
  const observations = counts[m - 1];
  if (observations === 0) return Number.NaN;
  let rank = q * observations;
  // First bucket (among all but the last) whose count reaches the rank.
  let lo = 0;
  let hi = m - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (counts[mid] >= rank) hi = mid;
    else lo = mid + 1;
  }
  const b = lo;
  if (b === m - 1) return upper[m - 2];
  if (b === 0 && upper[0] <= 0) return upper[0];
  let bucketStart = 0;
  const bucketEnd = upper[b];
  let count = counts[b];
  if (b > 0) {
    bucketStart = upper[b - 1];
    count -= counts[b - 1];
    rank -= counts[b - 1];
  }
  return bucketStart + (bucketEnd - bucketStart) * (rank / count);
}

/** Insertion sort by upper bound (a dozen buckets; stable, which Go's sort is not). */
function sortBuckets(upper: Float64Array, counts: Float64Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const u = upper[i];
    const c = counts[i];
    let j = i - 1;
    while (j >= 0 && upper[j] > u) {
      upper[j + 1] = upper[j];
      counts[j + 1] = counts[j];
      j--;
    }
    upper[j + 1] = u;
    counts[j + 1] = c;
  }
}
