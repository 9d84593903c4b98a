/**
 * The range-vector functions (`rate(x[5m])`, `avg_over_time(x[5m])`, …) as kernels over
 * one series' samples in one window, following Prometheus 2.42's functions.go
 * operation by operation (so floating-point results match bit for bit where Go and
 * JavaScript arithmetic agree). A kernel returns undefined when Prometheus drops the
 * series from the result (e.g. rate with fewer than two samples).
 */
import { extrapolatedRate } from './extrapolated-rate.js';
import { type KahanState, kahanInc } from './kahan.js';
import { quantile } from './quantile.js';

/** Samples `[lo, hi)` of one series inside the window (rangeStart, rangeEnd], ms. */
export interface Window {
  t: Float64Array;
  v: Float64Array;
  lo: number;
  hi: number;
  /** Lower window boundary, ms (evaluation time − offset − range). */
  rangeStart: number;
  /** Upper window boundary, ms (evaluation time − offset). */
  rangeEnd: number;
  /** The selector's range, ms. */
  rangeMs: number;
  /** The same in seconds, as Go's Duration.Seconds() gives it. */
  rangeSeconds: number;
  /**
   * True when the source knows that no sample in the window is below the one before it
   * (a counter did not reset), so counter functions can skip scanning for resets.
   */
  noDecrease?: boolean;
}

export interface KernelOptions {
  /**
   * Prometheus < 2.51 clamps the extrapolation at the counter's zero point before
   * comparing with the 1.1× threshold; 2.51+ (#13725) after. True for the former.
   */
  readonly zeroClampFirst: boolean;
}

export { extrapolatedRate };

/** A kernel; `param` is the scalar argument of quantile_over_time and predict_linear. */
export type RangeKernel = (w: Window, param: number, evalT: number, o: KernelOptions) => number | undefined;

/** irate / idelta: from the last two samples only; irate treats a decrease as a reset. */
export function instantValue(w: Window, isRate: boolean): number | undefined {
  const { t, v, hi } = w;
  if (hi - w.lo < 2) return undefined;
  const last = v[hi - 1];
  const previous = v[hi - 2];
  let result = isRate && last < previous ? last : last - previous;
  const interval = t[hi - 1] - t[hi - 2];
  if (interval === 0) return undefined;
  if (isRate) result /= interval / 1000;
  return result;
}

function avgOverTime(w: Window): number {
  const { v, lo, hi } = w;
  const k: KahanState = { sum: 0, c: 0 };
  let count = 0;
  for (let i = lo; i < hi; i++) {
    const x = v[i];
    count++;
    const mean = k.sum;
    if (mean === Number.POSITIVE_INFINITY || mean === Number.NEGATIVE_INFINITY) {
      // An infinite mean stays put for same-signed infinities and finite values.
      if ((x === Number.POSITIVE_INFINITY || x === Number.NEGATIVE_INFINITY) && mean > 0 === x > 0) continue;
      if (Number.isFinite(x)) continue;
    }
    kahanInc(x / count - mean / count, k);
  }
  return Number.isFinite(k.sum) ? k.sum + k.c : k.sum;
}

function sumOverTime(w: Window): number {
  const k: KahanState = { sum: 0, c: 0 };
  for (let i = w.lo; i < w.hi; i++) kahanInc(w.v[i], k);
  return k.sum === Number.POSITIVE_INFINITY || k.sum === Number.NEGATIVE_INFINITY ? k.sum : k.sum + k.c;
}

function maxOverTime(w: Window): number {
  const v = w.v;
  let max = v[w.lo];
  for (let i = w.lo; i < w.hi; i++) if (v[i] > max || Number.isNaN(max)) max = v[i];
  return max;
}

function minOverTime(w: Window): number {
  const v = w.v;
  let min = v[w.lo];
  for (let i = w.lo; i < w.hi; i++) if (v[i] < min || Number.isNaN(min)) min = v[i];
  return min;
}

/** Welford's variance with Kahan-compensated mean and sum of squares (stdvar_over_time). */
function varianceOverTime(w: Window): number {
  let count = 0;
  const mean: KahanState = { sum: 0, c: 0 };
  const aux: KahanState = { sum: 0, c: 0 };
  for (let i = w.lo; i < w.hi; i++) {
    const x = w.v[i];
    count++;
    const delta = x - (mean.sum + mean.c);
    kahanInc(delta / count, mean);
    kahanInc(delta * (x - (mean.sum + mean.c)), aux);
  }
  return (aux.sum + aux.c) / count;
}

function changes(w: Window): number {
  const v = w.v;
  let n = 0;
  let prev = v[w.lo];
  for (let i = w.lo + 1; i < w.hi; i++) {
    const cur = v[i];
    if (cur !== prev && !(Number.isNaN(cur) && Number.isNaN(prev))) n++;
    prev = cur;
  }
  return n;
}

function resets(w: Window): number {
  const v = w.v;
  let n = 0;
  let prev = v[w.lo];
  for (let i = w.lo + 1; i < w.hi; i++) {
    const cur = v[i];
    if (cur < prev) n++;
    prev = cur;
  }
  return n;
}

/**
 * Least-squares fit of value on time (seconds relative to `interceptTime` ms), with
 * Kahan sums, as Prometheus's `linearRegression`. A constant series has slope 0 (NaN when
 * the constant is infinite).
 */
export function linearRegression(w: Window, interceptTime: number): [slope: number, intercept: number] {
  const { t, v, lo, hi } = w;
  let n = 0;
  const sx: KahanState = { sum: 0, c: 0 };
  const sy: KahanState = { sum: 0, c: 0 };
  const sxy: KahanState = { sum: 0, c: 0 };
  const sx2: KahanState = { sum: 0, c: 0 };
  const initY = v[lo];
  let constY = true;
  for (let i = lo; i < hi; i++) {
    if (constY && i > lo && v[i] !== initY) constY = false;
    n += 1;
    const x = (t[i] - interceptTime) / 1e3;
    kahanInc(x, sx);
    kahanInc(v[i], sy);
    kahanInc(x * v[i], sxy);
    kahanInc(x * x, sx2);
  }
  if (constY) {
    if (!Number.isFinite(initY) && !Number.isNaN(initY)) return [Number.NaN, Number.NaN];
    return [0, initY];
  }
  const sumX = sx.sum + sx.c;
  const sumY = sy.sum + sy.c;
  const sumXY = sxy.sum + sxy.c;
  const sumX2 = sx2.sum + sx2.c;
  const covXY = sumXY - (sumX * sumY) / n;
  const varX = sumX2 - (sumX * sumX) / n;
  const slope = covXY / varX;
  const intercept = sumY / n - (slope * sumX) / n;
  return [slope, intercept];
}

const scratch: number[] = [];

/** The kernels by function name (absent_over_time is handled by the engine). */
export const RANGE_KERNELS: Readonly<Record<string, RangeKernel>> = {
  rate: (w, _p, _t, o) => extrapolatedRate(w, true, true, o),
  increase: (w, _p, _t, o) => extrapolatedRate(w, true, false, o),
  delta: (w, _p, _t, o) => extrapolatedRate(w, false, false, o),
  irate: (w) => instantValue(w, true),
  idelta: (w) => instantValue(w, false),
  avg_over_time: avgOverTime,
  sum_over_time: sumOverTime,
  count_over_time: (w) => w.hi - w.lo,
  min_over_time: minOverTime,
  max_over_time: maxOverTime,
  last_over_time: (w) => w.v[w.hi - 1],
  present_over_time: () => 1,
  stdvar_over_time: varianceOverTime,
  stddev_over_time: (w) => Math.sqrt(varianceOverTime(w)),
  quantile_over_time: (w, q) => {
    scratch.length = 0;
    for (let i = w.lo; i < w.hi; i++) scratch.push(w.v[i]);
    return quantile(q, scratch);
  },
  changes,
  resets,
  deriv: (w) => (w.hi - w.lo < 2 ? undefined : linearRegression(w, w.t[w.lo])[0]),
  predict_linear: (w, duration, evalT) => {
    if (w.hi - w.lo < 2) return undefined;
    const [slope, intercept] = linearRegression(w, evalT);
    return slope * duration + intercept;
  },
};
