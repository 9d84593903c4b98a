/**
 * Prometheus's `extrapolatedRate` (rate, increase, delta): the change between the first
 * and last sample in the window (plus, for counters, the value before each reset),
 * extrapolated towards the window's edges. An edge is reached when the gap to it is under
 * 1.1× the average sample interval, else the series is assumed to start or end half an
 * interval beyond its first or last sample. For counters the extrapolation never goes
 * below zero. `isRate` divides by the range in seconds.
 *
 * Cost: the extrapolation factor depends only on the window, the first and last sample
 * times and the sample count — the same for every series scraped at the same times, which
 * is nearly every series of a query — except when a counter's zero point clamps it. It is
 * computed once per distinct (window, times, count) in a row and reused: the reuse performs
 * no arithmetic, and a recomputation the very same operations on the same inputs in the
 * same order as Prometheus's code, so results are bit-identical to computing it every time.
 */
import type { KernelOptions, Window } from './range-functions.js';

/** The factor's inputs and the intermediate values that the zero-point clamp needs. */
class Extrapolation {
  valid = false;
  firstT = 0;
  lastT = 0;
  n = 0;
  rangeStart = 0;
  rangeEnd = 0;
  rangeSeconds = 0;
  isRate = false;
  zeroClampFirst = false;
  /** Seconds from the window start to the first sample (Prometheus 3: already adjusted). */
  durationToStart = 0;
  sampledInterval = 0;
  averageInterval = 0;
  threshold = 0;
  /** The extrapolation towards the window end, seconds. */
  toEnd = 0;
  /** The factor when no zero-point clamp applies. */
  factor = 0;
}

const last = new Extrapolation();

export function extrapolatedRate(
  w: Window,
  isCounter: boolean,
  isRate: boolean,
  o: KernelOptions,
): number | undefined {
  const { t, v, lo, hi } = w;
  const n = hi - lo;
  if (n < 2) return undefined;
  const firstValue = v[lo];
  let result = v[hi - 1] - firstValue;
  if (isCounter) {
    let prev = firstValue;
    for (let i = lo + 1; i < hi; i++) {
      const cur = v[i];
      if (cur < prev) result += prev;
      prev = cur;
    }
  }
  const e = extrapolation(t[lo], t[hi - 1], n, w, isRate, o.zeroClampFirst);
  if (isCounter && result > 0 && firstValue >= 0) {
    const durationToZero = e.sampledInterval * (firstValue / result);
    if (durationToZero < e.durationToStart) return result * factor(e, durationToZero, w.rangeSeconds);
  }
  return result * e.factor;
}

/** The extrapolation for these sample times and window: the last one when they repeat. */
function extrapolation(
  firstT: number,
  lastT: number,
  n: number,
  w: Window,
  isRate: boolean,
  zeroClampFirst: boolean,
): Extrapolation {
  const e = last;
  if (
    e.valid &&
    e.n === n &&
    Object.is(e.firstT, firstT) &&
    Object.is(e.lastT, lastT) &&
    Object.is(e.rangeStart, w.rangeStart) &&
    Object.is(e.rangeEnd, w.rangeEnd) &&
    Object.is(e.rangeSeconds, w.rangeSeconds) &&
    e.isRate === isRate &&
    e.zeroClampFirst === zeroClampFirst
  ) {
    return e;
  }
  e.firstT = firstT;
  e.lastT = lastT;
  e.n = n;
  e.rangeStart = w.rangeStart;
  e.rangeEnd = w.rangeEnd;
  e.rangeSeconds = w.rangeSeconds;
  e.isRate = isRate;
  e.zeroClampFirst = zeroClampFirst;
  let durationToStart = (firstT - w.rangeStart) / 1000;
  const durationToEnd = (w.rangeEnd - lastT) / 1000;
  const sampledInterval = (lastT - firstT) / 1000;
  const averageInterval = sampledInterval / (n - 1);
  const threshold = averageInterval * 1.1;
  // Prometheus 3 (#13725) replaces a far start by half an interval before the clamp.
  if (!zeroClampFirst && durationToStart >= threshold) durationToStart = averageInterval / 2;
  e.durationToStart = durationToStart;
  e.sampledInterval = sampledInterval;
  e.averageInterval = averageInterval;
  e.threshold = threshold;
  e.toEnd = durationToEnd < threshold ? durationToEnd : averageInterval / 2;
  e.factor = factor(e, durationToStart, w.rangeSeconds);
  e.valid = true;
  return e;
}

/** The factor with the start `durationToStart` seconds before the first sample. */
function factor(e: Extrapolation, durationToStart: number, rangeSeconds: number): number {
  let extrapolateTo = e.sampledInterval;
  if (e.zeroClampFirst) {
    extrapolateTo += durationToStart < e.threshold ? durationToStart : e.averageInterval / 2;
  } else {
    extrapolateTo += durationToStart;
  }
  extrapolateTo += e.toEnd;
  let f = extrapolateTo / e.sampledInterval;
  if (e.isRate) f /= rangeSeconds;
  return f;
}
