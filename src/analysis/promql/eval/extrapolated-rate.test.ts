/**
 * extrapolatedRate reuses the extrapolation of the last window and skips work it can prove
 * useless; these tests hold it to Prometheus's function computed from scratch, bit for bit.
 */
import { describe, expect, it } from 'vitest';
import { Sfc32 } from '../../../stats/rng.js';
import { referenceExtrapolatedRate as reference } from '../testing/extrapolated-rate-reference.js';
import { extrapolatedRate } from './extrapolated-rate.js';
import type { Window } from './range-functions.js';

/** Windows over series scraped at mostly the same instants, counters young and old. */
function windows(seed: number, count: number): Window[] {
  const rng = new Sfc32(seed);
  const out: Window[] = [];
  for (let k = 0; k < count; k++) {
    const n = 1 + Math.floor(rng.next() * 10);
    const t = new Float64Array(n);
    const v = new Float64Array(n);
    const jitter = rng.next() < 0.3;
    let value = rng.next() < 0.5 ? rng.next() * 3 : rng.next() * 10_000;
    for (let i = 0; i < n; i++) {
      t[i] = 15_000 * (i + 1) + (jitter ? Math.floor(rng.next() * 2000) : 0);
      if (rng.next() < 0.1)
        value = rng.next() * 5; // a reset
      else value += Math.floor(rng.next() * 50) * (rng.next() < 0.2 ? 0.125 : 1);
      v[i] = value;
    }
    let decreases = false;
    for (let i = 1; i < n; i++) if (v[i] < v[i - 1]) decreases = true;
    const rangeMs = rng.next() < 0.5 ? 120_000 : 60_000;
    const rangeEnd = 15_000 * n + Math.floor(rng.next() * 30_000);
    out.push({
      t,
      v,
      lo: 0,
      hi: n,
      rangeStart: rangeEnd - rangeMs,
      rangeEnd,
      rangeMs,
      rangeSeconds: rangeMs / 1000,
      noDecrease: !decreases && rng.next() < 0.8,
    });
  }
  return out;
}

describe('extrapolatedRate', () => {
  it('equals the function computed from scratch for every window, in any order', () => {
    const ws = windows(7, 3000);
    for (const o of [{ zeroClampFirst: true }, { zeroClampFirst: false }]) {
      for (const [isCounter, isRate] of [
        [true, true],
        [true, false],
        [false, false],
      ] as const) {
        // Each window twice: after itself (the extrapolation reused) and after another.
        for (const w of [...ws, ...ws.toReversed(), ...ws]) {
          const got = extrapolatedRate(w, isCounter, isRate, o);
          // Object.is: bit for bit, -0 apart from +0 (NaN equal to NaN).
          expect(Object.is(got, reference(w, isCounter, isRate, o))).toBe(true);
        }
      }
    }
  });

  it('computes the extrapolation again when only the range differs', () => {
    const w: Window = {
      t: Float64Array.from([15_000, 30_000, 45_000]),
      v: Float64Array.from([100, 130, 160]),
      lo: 0,
      hi: 3,
      rangeStart: 0,
      rangeEnd: 60_000,
      rangeMs: 60_000,
      rangeSeconds: 60,
    };
    const wider = { ...w, rangeStart: -60_000, rangeMs: 120_000, rangeSeconds: 120 };
    const o = { zeroClampFirst: true };
    expect(extrapolatedRate(w, true, true, o)).toBe(reference(w, true, true, o));
    expect(extrapolatedRate(wider, true, true, o)).toBe(reference(wider, true, true, o));
    expect(extrapolatedRate(wider, true, false, o)).toBe(reference(wider, true, false, o));
    expect(extrapolatedRate(w, true, true, o)).not.toBe(extrapolatedRate(wider, true, true, o));
  });
});
