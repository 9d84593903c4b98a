/**
 * The exact null distribution of the Mann-Whitney U statistic without ties, as counts:
 * counts[u] is the number of the C(m + n, m) equally likely arrangements of two samples of
 * sizes m and n in which U = u (u = 0…m·n; U counts the pairs with x > y). They are the
 * coefficients of the Gaussian binomial [m + n choose m]_q = Π_{i=1}^{s} (1 − q^{t+i}) /
 * (1 − q^i) with s = min(m, n), t = max(m, n) (Mann & Whitney 1947). The distribution is
 * symmetric about m·n/2 and the same for (m, n) and (n, m). Counts are exact integers
 * while below 2^53 and accurate to rounding beyond; the lower tail (small u), which
 * p-values are computed from, involves no subtraction at all. Cost: O(s² t) time, O(s t)
 * memory — meant for the small samples exact tests are used on.
 *
 * Edge cases: m or n = 0 → [1].
 *
 * @example mannWhitneyUCounts(2, 2) // [1, 1, 2, 1, 1] (of C(4, 2) = 6 arrangements)
 */
export function mannWhitneyUCounts(m: number, n: number): Float64Array {
  if (!Number.isInteger(m) || !Number.isInteger(n) || m < 0 || n < 0) {
    throw new RangeError('mannWhitneyUCounts: sizes must be non-negative integers');
  }
  const s = Math.min(m, n);
  const t = Math.max(m, n);
  const counts = new Float64Array(s * t + 1);
  counts[0] = 1;
  let degree = 0;
  for (let i = 1; i <= s; i++) {
    // Multiply by (1 − q^{t+i}), then divide by (1 − q^i); after both steps the
    // polynomial is [t+i choose i]_q, of degree i·t.
    const shift = t + i;
    const newDegree = degree + t;
    for (let u = newDegree; u >= shift; u--) counts[u] -= counts[u - shift];
    for (let u = i; u <= newDegree; u++) counts[u] += counts[u - i];
    degree = newDegree;
  }
  return counts;
}
