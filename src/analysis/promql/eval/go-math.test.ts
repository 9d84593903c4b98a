import { describe, expect, it } from 'vitest';
import { goLog2, goLog10, goPow, goRound, goSeconds } from './go-math.js';

describe("Go's math where JavaScript differs", () => {
  it('Pow special cases', () => {
    expect(goPow(1, Number.NaN)).toBe(1);
    expect(goPow(1, Number.POSITIVE_INFINITY)).toBe(1);
    expect(goPow(Number.NaN, 0)).toBe(1);
    expect(goPow(-1, Number.NEGATIVE_INFINITY)).toBe(1);
    expect(goPow(2, 10)).toBe(1024);
    expect(goPow(Number.NaN, 1)).toBeNaN();
  });

  it('Log2 is exact for powers of two; Log10 is Log·(1/Ln10)', () => {
    expect(goLog2(8)).toBe(3);
    expect(goLog2(0.25)).toBe(-2);
    expect(goLog2(10)).toBeCloseTo(Math.log2(10), 14);
    expect(goLog2(0)).toBe(Number.NEGATIVE_INFINITY);
    expect(goLog10(1000)).toBe(Math.log(1000) * Math.LOG10E);
  });

  it('Round goes half away from zero; Seconds is whole seconds plus nanoseconds', () => {
    expect(goRound(-2.5)).toBe(-3);
    expect(goRound(2.5)).toBe(3);
    expect(goSeconds(120_000)).toBe(120);
    expect(goSeconds(1500)).toBe(1.5);
  });
});
