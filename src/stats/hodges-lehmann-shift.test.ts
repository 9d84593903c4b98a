import { describe, expect, it } from 'vitest';
import { hodgesLehmannShift } from './hodges-lehmann-shift.js';
import { expectClose } from './testing/expect-close.js';

// R's ?wilcox.test example data (Hollander & Wolfe 1973, p. 69).
const xe = [0.8, 0.83, 1.89, 1.04, 1.45, 1.38, 1.91, 1.64, 0.73, 1.46];
const ye = [1.15, 0.88, 0.9, 0.74, 1.21];
const x2 = [1, 2, 2, 3, 3, 3, 4, 5, 5, 7, 8, 8];
const y2 = [2, 3, 4, 4, 5, 6, 6, 6, 7, 9, 9, 10, 11];

describe('hodgesLehmannShift, exact (R wilcox.test(conf.int = TRUE) without ties, n < 50)', () => {
  it('matches R on its own example', () => {
    // R 4.2.2 (fixtures/stats/reference-r.txt): wilcox.test(xe, ye, conf.int = TRUE)
    //   → estimate 0.305, CI [-0.15, 0.76]; conf.level = 0.9 → [-0.08, 0.72].
    const r = hodgesLehmannShift(xe, ye);
    expect(r.method).toBe('exact');
    expectClose(r.estimate, 0.305, 12);
    expectClose(r.lower, -0.15, 12);
    expectClose(r.upper, 0.76, 12);
    // Achieved level 1 − 2·pwilcox(qu − 1, 10, 5) ≥ 0.95.
    expect(r.achievedConfidence).toBeGreaterThanOrEqual(0.95);
    const r90 = hodgesLehmannShift(xe, ye, { confidence: 0.9 });
    expectClose(r90.lower, -0.08, 12);
    expectClose(r90.upper, 0.72, 12);
  });

  it('says when the level cannot be reached, as R warns', () => {
    // R: wilcox.test(c(3.1, 4.7, 5.2), c(1.0, 2.2), conf.int = TRUE) → "Requested conf.level
    // not achievable", estimate 2.75, CI [0.9, 4.2], conf.level 0.8.
    const r = hodgesLehmannShift([3.1, 4.7, 5.2], [1.0, 2.2]);
    expectClose(r.estimate, 2.75, 12);
    expectClose(r.lower, 0.9, 12);
    expectClose(r.upper, 4.2, 12);
    expectClose(r.achievedConfidence, 0.8, 12);
  });
});

describe('hodgesLehmannShift, normal approximation (R exact = FALSE; Kayenta)', () => {
  // R's limits come from uniroot(tol = 1e-4); with tol.root = 1e-13 R converges to the
  // step of its statistic, which this function finds exactly (fixtures/stats/reference-r.txt):
  //   x2, y2, 95%: stock R [-4.00004511050444, 4.05484857941831e-05];
  //                tol.root 1e-13 [-4.00000000000002, 3.52917760944275e-14].
  //   xe, ye, 98%: stock and tight R [-0.319999999999988, 0.989999999999948].
  //   kayenta#780, 98%: stock R [6.82502299153879e-05, 99] (Kayenta's "6.8e-5");
  //                     tol.root 1e-13 [6.35629798428974e-14, 99].
  it('finds R’s limits exactly (ties)', () => {
    const r = hodgesLehmannShift(x2, y2);
    expect(r.method).toBe('asymptotic');
    expectClose(r.lower, -4, 12);
    expectClose(r.upper, 0, 12, 1e-3);
    // R's estimate, a root of the same equation, −2.00000000000003.
    expectClose(r.estimate, -2, 12);
  });

  it('matches R at 98% without ties', () => {
    const r = hodgesLehmannShift(xe, ye, { confidence: 0.98, method: 'asymptotic' });
    expectClose(r.lower, -0.32, 12);
    expectClose(r.upper, 0.99, 12);
    // R's uniroot lands anywhere on the zero stretch of its statistic (0.302508339041572
    // here); the median of the differences, 0.305, lies on that stretch.
    expectClose(r.estimate, 0.305, 12);
  });

  it('reproduces kayenta#780’s interval: [≈0, 99] with HL shift 99', () => {
    const canary = [...Array(7).fill(100), 1, 1, 1];
    const baseline = Array(10).fill(1);
    const r = hodgesLehmannShift(canary, baseline, { confidence: 0.98 });
    expect(r.method).toBe('asymptotic');
    expect(r.estimate).toBe(99);
    expect(Math.abs(r.lower - 6.82502299153879e-5)).toBeLessThan(1e-4); // R's uniroot tolerance
    expect(r.lower).toBe(0);
    expect(r.upper).toBe(99);
  });

  it('handles single values and bad input', () => {
    const r = hodgesLehmannShift([5], [2], { method: 'asymptotic' });
    expect([r.estimate, r.lower, r.upper]).toEqual([3, 3, 3]);
    expect(() => hodgesLehmannShift([], [1])).toThrow(RangeError);
    expect(() => hodgesLehmannShift([Number.POSITIVE_INFINITY], [1])).toThrow(RangeError);
  });
});
