/**
 * Test support: Prometheus's extrapolatedRate (rate, increase, delta) written out step by
 * step from its Go source, with none of the engine's shortcuts — what the engine's results
 * are held to, bit for bit.
 */
import type { KernelOptions, Window } from '../eval/range-functions.js';

/** Prometheus 2.42's extrapolatedRate (2.51's with zeroClampFirst false), step by step. */
export function referenceExtrapolatedRate(
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
      if (v[i] < prev) result += prev;
      prev = v[i];
    }
  }
  let durationToStart = (t[lo] - w.rangeStart) / 1000;
  const durationToEnd = (w.rangeEnd - t[hi - 1]) / 1000;
  const sampledInterval = (t[hi - 1] - t[lo]) / 1000;
  const averageInterval = sampledInterval / (n - 1);
  const threshold = averageInterval * 1.1;
  let extrapolateTo = sampledInterval;
  if (o.zeroClampFirst) {
    if (isCounter && result > 0 && firstValue >= 0) {
      const durationToZero = sampledInterval * (firstValue / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    extrapolateTo += durationToStart < threshold ? durationToStart : averageInterval / 2;
  } else {
    if (durationToStart >= threshold) durationToStart = averageInterval / 2;
    if (isCounter && result > 0 && firstValue >= 0) {
      const durationToZero = sampledInterval * (firstValue / result);
      if (durationToZero < durationToStart) durationToStart = durationToZero;
    }
    extrapolateTo += durationToStart;
  }
  extrapolateTo += durationToEnd < threshold ? durationToEnd : averageInterval / 2;
  let factor = extrapolateTo / sampledInterval;
  if (isRate) factor /= w.rangeSeconds;
  return result * factor;
}
