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
export class Extrapolation {
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
  /**
   * Whether the zero-point clamp can apply to a counter whose first value is at least its
   * increase. Such a counter's zero point is at least a sampled interval before its first
   * sample (firstValue / result ≥ 1 and rounding is monotonic), so it only clamps when the
   * window starts further back than that: the division need not be done otherwise.
   */
  clampsLargeCounters = false;

  /** Whether the values are those of these inputs (a small check, inlined by the caller). */
  isFor(
    firstT: number,
    lastT: number,
    n: number,
    w: Window,
    isRate: boolean,
    zeroClampFirst: boolean,
  ): boolean {
    return (
      this.valid &&
      this.n === n &&
      Object.is(this.firstT, firstT) &&
      Object.is(this.lastT, lastT) &&
      Object.is(this.rangeStart, w.rangeStart) &&
      Object.is(this.rangeEnd, w.rangeEnd) &&
      Object.is(this.rangeSeconds, w.rangeSeconds) &&
      this.isRate === isRate &&
      this.zeroClampFirst === zeroClampFirst
    );
  }

  /** Computes the values for these inputs, as Prometheus's extrapolatedRate does. */
  set(firstT: number, lastT: number, n: number, w: Window, isRate: boolean, zeroClampFirst: boolean): void {
    this.firstT = firstT;
    this.lastT = lastT;
    this.n = n;
    this.rangeStart = w.rangeStart;
    this.rangeEnd = w.rangeEnd;
    this.rangeSeconds = w.rangeSeconds;
    this.isRate = isRate;
    this.zeroClampFirst = zeroClampFirst;
    let durationToStart = (firstT - w.rangeStart) / 1000;
    const durationToEnd = (w.rangeEnd - lastT) / 1000;
    const sampledInterval = (lastT - firstT) / 1000;
    const averageInterval = sampledInterval / (n - 1);
    const threshold = averageInterval * 1.1;
    // Prometheus 3 (#13725) replaces a far start by half an interval before the clamp.
    if (!zeroClampFirst && durationToStart >= threshold) durationToStart = averageInterval / 2;
    this.durationToStart = durationToStart;
    this.sampledInterval = sampledInterval;
    this.averageInterval = averageInterval;
    this.threshold = threshold;
    this.toEnd = durationToEnd < threshold ? durationToEnd : averageInterval / 2;
    factorInto(this, durationToStart, factorScratch);
    this.factor = factorScratch[0];
    this.clampsLargeCounters = !(sampledInterval >= durationToStart);
    this.valid = true;
  }
}

const last = new Extrapolation();

const scratch = new Float64Array(1);
const factorScratch = new Float64Array(1);

export function extrapolatedRate(
  w: Window,
  isCounter: boolean,
  isRate: boolean,
  o: KernelOptions,
): number | undefined {
  if (w.hi - w.lo < 2) return undefined;
  extrapolatedRateInto(w, isCounter, isRate, o, scratch);
  return scratch[0];
}

/**
 * {@link extrapolatedRate} of a window of two samples or more, written to `out[0]`: a
 * store into a typed array, where returning a fractional number from a call that the
 * compiler does not inline would allocate a heap number per series.
 */
export function extrapolatedRateInto(
  w: Window,
  isCounter: boolean,
  isRate: boolean,
  o: KernelOptions,
  out: Float64Array,
): void {
  const { t, v, lo, hi } = w;
  const n = hi - lo;
  const firstValue = v[lo];
  let result = v[hi - 1] - firstValue;
  if (isCounter && w.noDecrease !== true) {
    let prev = firstValue;
    for (let i = lo + 1; i < hi; i++) {
      const cur = v[i];
      if (cur < prev) result += prev;
      prev = cur;
    }
  }
  const e = extrapolationOf(t[lo], t[hi - 1], n, w, isRate, o.zeroClampFirst);
  if (isCounter && result > 0 && firstValue >= 0 && (firstValue < result || e.clampsLargeCounters)) {
    const durationToZero = e.sampledInterval * (firstValue / result);
    if (durationToZero < e.durationToStart) {
      factorInto(e, durationToZero, out);
      out[0] = result * out[0];
      return;
    }
  }
  out[0] = result * e.factor;
}

/**
 * The extrapolation of a window's first and last sample times and sample count: the last
 * one computed when they repeat. Valid until the next call: read what is needed at once.
 */
export function extrapolationOf(
  firstT: number,
  lastT: number,
  n: number,
  w: Window,
  isRate: boolean,
  zeroClampFirst: boolean,
): Extrapolation {
  const e = last;
  if (!e.isFor(firstT, lastT, n, w, isRate, zeroClampFirst))
    e.set(firstT, lastT, n, w, isRate, zeroClampFirst);
  return e;
}

/**
 * The factor with the start `durationToStart` seconds before the first sample, into
 * `out[0]` (not returned: a returned fraction would be boxed, once per clamped series).
 */
function factorInto(e: Extrapolation, durationToStart: number, out: Float64Array): void {
  let extrapolateTo = e.sampledInterval;
  if (e.zeroClampFirst) {
    extrapolateTo += durationToStart < e.threshold ? durationToStart : e.averageInterval / 2;
  } else {
    extrapolateTo += durationToStart;
  }
  extrapolateTo += e.toEnd;
  let f = extrapolateTo / e.sampledInterval;
  if (e.isRate) f /= e.rangeSeconds;
  out[0] = f;
}
