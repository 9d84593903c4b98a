import { linearQuantile } from './linear-quantile.js';

/**
 * The same value as `linearQuantile(x.sort(), p)` (definition 7), found by selection
 * instead of a sort: the two order statistics it interpolates between are picked out with
 * Hoare's quickselect (median-of-three pivots), O(n) on average. Reorders `x` in place.
 * Made for bootstrap replicates, where the sort of every resample was most of the cost.
 *
 * Edge cases: as `linearQuantile`; data with a NaN fall back to the sort (NaN sorts last).
 *
 * @example selectQuantile(Float64Array.of(4, 1, 3, 2), 0.9) // 3.7
 */
export function selectQuantile(x: Float64Array, p: number): number {
  const n = x.length;
  if (n === 0 || !(p >= 0 && p <= 1)) return Number.NaN;
  for (let i = 0; i < n; i++) if (Number.isNaN(x[i])) return linearQuantile(x.sort(), p);
  const h = (n - 1) * p;
  const low = Math.floor(h);
  const fraction = h - low;
  const lowValue = select(x, low, 0, n - 1);
  if (fraction === 0) return lowValue;
  // After selecting `low`, everything right of it is ≥ it: the next order statistic is their minimum.
  let highValue = x[low + 1];
  for (let i = low + 2; i < n; i++) if (x[i] < highValue) highValue = x[i];
  return lowValue + fraction * (highValue - lowValue);
}

/** The k-th smallest of x[left..right] (0-based k), leaving smaller values left of k and larger right. */
function select(x: Float64Array, k: number, left: number, right: number): number {
  let lo = left;
  let hi = right;
  while (hi > lo) {
    const mid = (lo + hi) >>> 1;
    // Median of three as the pivot, moved to x[lo].
    if (x[mid] < x[lo]) swap(x, mid, lo);
    if (x[hi] < x[lo]) swap(x, hi, lo);
    if (x[hi] < x[mid]) swap(x, hi, mid);
    swap(x, lo, mid);
    const pivot = x[lo];
    let i = lo;
    let j = hi + 1;
    for (;;) {
      do i++;
      while (i <= hi && x[i] < pivot);
      do j--;
      while (x[j] > pivot);
      if (i >= j) break;
      swap(x, i, j);
    }
    swap(x, lo, j);
    if (j === k) return x[k];
    if (j < k) lo = j + 1;
    else hi = j - 1;
  }
  return x[k];
}

function swap(x: Float64Array, i: number, j: number): void {
  const t = x[i];
  x[i] = x[j];
  x[j] = t;
}
