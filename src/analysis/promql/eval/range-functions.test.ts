/**
 * Kernels on hand-made windows; the engine tests cover the same functions end to end.
 */
import { describe, expect, it } from 'vitest';
import {
  extrapolatedRate,
  instantValue,
  linearRegression,
  RANGE_KERNELS,
  type Window,
} from './range-functions.js';

/** A window over samples (t in seconds) from `start` to `end` seconds. */
function win(samples: [number, number][], start: number, end: number): Window {
  return {
    t: Float64Array.from(samples.map((s) => s[0] * 1000)),
    v: Float64Array.from(samples.map((s) => s[1])),
    lo: 0,
    hi: samples.length,
    rangeStart: start * 1000,
    rangeEnd: end * 1000,
    rangeMs: (end - start) * 1000,
    rangeSeconds: end - start,
  };
}

const v2 = { zeroClampFirst: true };
const v3 = { zeroClampFirst: false };

describe('extrapolatedRate', () => {
  it('bridges gaps under 1.1 average intervals, else adds half an interval', () => {
    // Samples every 10 s from 10 s to 50 s: Δ 40 over 40 s, avg 10 s, threshold 11 s.
    const w = win(
      [
        [10, 100],
        [20, 110],
        [30, 120],
        [40, 130],
        [50, 140],
      ],
      0,
      60,
    );
    // Gaps 10 s (bridged) and 10 s (bridged): 40 · 60/40 = 60. As a rate: 60/60 s.
    expect(extrapolatedRate(w, true, false, v2)).toBe(60);
    expect(extrapolatedRate(w, true, true, v2)).toBe(1);
    // Over [−20 s, 60 s] the start gap is 30 s: add 5 s instead: 40 · 55/40 = 55.
    expect(
      extrapolatedRate({ ...w, rangeStart: -20_000, rangeMs: 80_000, rangeSeconds: 80 }, true, false, v2),
    ).toBe(55);
  });

  it('caps the start gap at the zero point for counters only', () => {
    // 1, 11, 21 at 20, 30, 40 s in [0, 40 s]: Δ 20 over 20 s; zero point 20 · 1/20 = 1 s.
    const w = win(
      [
        [20, 1],
        [30, 11],
        [40, 21],
      ],
      0,
      40,
    );
    // Counter, Prometheus 2: gap min(20, 1) = 1 < 11 → 20 · 21/20 = 21.
    expect(extrapolatedRate(w, true, false, v2)).toBe(21);
    // Prometheus 3: 20 ≥ 11 → 5, then min(5, 1) = 1: also 21.
    expect(extrapolatedRate(w, true, false, v3)).toBe(21);
    // Gauge (delta): no zero point; 20 ≥ 11 → 5: 20 · 25/20 = 25.
    expect(extrapolatedRate(w, false, false, v2)).toBe(25);
  });

  it('needs two samples', () => {
    expect(extrapolatedRate(win([[10, 1]], 0, 60), true, true, v2)).toBeUndefined();
  });
});

describe('instantValue', () => {
  it('uses the last two samples; a drop is a reset for irate', () => {
    const w = win(
      [
        [0, 5],
        [10, 9],
        [20, 4],
      ],
      0,
      20,
    );
    expect(instantValue(w, true)).toBe(0.4); // reset: 4 / 10 s
    expect(instantValue(w, false)).toBe(-5);
  });
});

describe('compensated sums', () => {
  it('sum_over_time keeps what naive summation loses (Kahan–Neumaier)', () => {
    const w = win(
      [
        [0, 1e16],
        [10, 1],
        [20, -1e16],
      ],
      0,
      20,
    );
    expect(1e16 + 1 - 1e16).toBe(0);
    expect(RANGE_KERNELS.sum_over_time(w, 0, 0, v2)).toBe(1);
  });

  it('avg_over_time keeps an infinite mean', () => {
    const w = win(
      [
        [0, Number.POSITIVE_INFINITY],
        [10, 5],
      ],
      0,
      10,
    );
    expect(RANGE_KERNELS.avg_over_time(w, 0, 0, v2)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('linearRegression', () => {
  it('fits y = 2 + 0.5·x (x in seconds from the intercept time)', () => {
    const w = win(
      [
        [0, 2],
        [10, 7],
        [20, 12],
      ],
      0,
      20,
    );
    const [slope, intercept] = linearRegression(w, 0);
    expect(slope).toBeCloseTo(0.5, 14);
    expect(intercept).toBeCloseTo(2, 14);
    const [, at20] = linearRegression(w, 20_000);
    expect(at20).toBeCloseTo(12, 12);
  });
});
