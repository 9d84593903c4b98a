/**
 * Goodness-of-fit helpers for tests of random draws: Pearson's chi-square of observed
 * counts against a pmf, with cells merged until each expects at least 5, and the
 * critical value it must stay under.
 */
import { normalQuantile } from '../stats/normal-quantile.js';

/**
 * The (1 − alpha) quantile of chi-square with `df` degrees of freedom, by the
 * Wilson–Hilferty cube approximation: df·(1 − 2/(9df) + z·√(2/(9df)))³ with z = Φ⁻¹(1 − alpha)
 * (relative error under 1% for df ≥ 3 at alpha = 0.001).
 */
export function chiSquareCritical(df: number, alpha = 0.001): number {
  const z = normalQuantile(1 - alpha);
  const h = 2 / (9 * df);
  return df * (1 - h + z * Math.sqrt(h)) ** 3;
}

/**
 * Pearson's statistic for `observed[k]` (counts of value k; values past the end count
 * as 0) against `n·pmf(k)`, cells merged left to right until each expects ≥ 5; the tail
 * past `maxK` (and any value beyond) forms the last cell. Returns the statistic and df.
 */
export function chiSquareVsPmf(
  observed: ArrayLike<number>,
  pmf: (k: number) => number,
  maxK: number,
  n: number,
): { readonly statistic: number; readonly df: number } {
  const cells: { o: number; e: number }[] = [];
  let o = 0;
  let e = 0;
  let massSoFar = 0;
  let countSoFar = 0;
  for (let k = 0; k <= maxK; k++) {
    const p = pmf(k);
    const c = k < observed.length ? observed[k] : 0;
    o += c;
    e += n * p;
    massSoFar += p;
    countSoFar += c;
    if (e >= 5) {
      cells.push({ o, e });
      o = 0;
      e = 0;
    }
  }
  // The tail beyond maxK, merged with what is left over.
  o += n - countSoFar;
  e += n * Math.max(0, 1 - massSoFar);
  if (cells.length > 0 && e < 5) {
    const last = cells[cells.length - 1];
    last.o += o;
    last.e += e;
  } else {
    cells.push({ o, e });
  }
  let statistic = 0;
  for (const cell of cells) statistic += cell.e > 0 ? (cell.o - cell.e) ** 2 / cell.e : cell.o > 0 ? 1e9 : 0;
  return { statistic, df: cells.length - 1 };
}

/**
 * Two-sample chi-square of equal-size samples of a discrete statistic: cells are its
 * distinct values in order, merged until each holds ≥ 10 of the pooled draws.
 */
export function twoSampleChiSquare(
  a: readonly number[],
  b: readonly number[],
): { statistic: number; df: number } {
  const values = [...new Set([...a, ...b])].sort((x, y) => x - y);
  const index = new Map(values.map((v, i) => [v, i]));
  const ca = new Float64Array(values.length);
  const cb = new Float64Array(values.length);
  for (const x of a) ca[index.get(x)!]++;
  for (const x of b) cb[index.get(x)!]++;
  const cells: [number, number][] = [];
  let oa = 0;
  let ob = 0;
  for (let i = 0; i < values.length; i++) {
    oa += ca[i];
    ob += cb[i];
    if (oa + ob >= 10) {
      cells.push([oa, ob]);
      oa = 0;
      ob = 0;
    }
  }
  if (oa + ob > 0 && cells.length > 0) {
    cells[cells.length - 1][0] += oa;
    cells[cells.length - 1][1] += ob;
  }
  let statistic = 0;
  for (const [x, y] of cells) statistic += (x - y) ** 2 / (x + y);
  return { statistic, df: cells.length - 1 };
}
