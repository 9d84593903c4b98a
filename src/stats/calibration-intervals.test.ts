/**
 * Calibration: each interval covers the true value at its nominal rate over many seeded
 * simulations. Tolerances: binomial acceptance regions on the number of covering
 * intervals (testing/rate-check.ts), plus a stated allowance for each method's known
 * approximation error. Where the true coverage can be computed exactly (Wilson, the exact
 * Hodges–Lehmann interval), the simulation is checked against that number.
 */
import { describe, expect, it } from 'vitest';
import { bootstrapInterval } from './bootstrap-interval.js';
import { hodgesLehmannShift } from './hodges-lehmann-shift.js';
import { kaplanMeier } from './kaplan-meier.js';
import { linearQuantile } from './linear-quantile.js';
import { logFactorial } from './log-factorial.js';
import { newcombeInterval } from './newcombe-interval.js';
import { randomExponential } from './random-exponential.js';
import { randomNormal } from './random-normal.js';
import { createRng } from './rng.js';
import { survivalQuantile } from './survival-quantile.js';
import { expectRateWithin } from './testing/rate-check.js';
import { wilsonInterval } from './wilson-interval.js';

function binomialCount(rng: { next(): number }, n: number, p: number): number {
  let x = 0;
  for (let i = 0; i < n; i++) if (rng.next() < p) x++;
  return x;
}

describe('calibration of intervals (coverage)', () => {
  it.each([
    [50, 0.1],
    [200, 0.03],
  ])('Wilson 95%%, n = %i, p = %f: simulated coverage = exact coverage ≈ 95%%', (n, p) => {
    // Exact coverage: Σ over x whose interval contains p of the Binomial(n, p) probability.
    let exact = 0;
    for (let x = 0; x <= n; x++) {
      const ci = wilsonInterval(x, n);
      if (ci.lower <= p && p <= ci.upper) {
        exact += Math.exp(
          logFactorial(n) -
            logFactorial(x) -
            logFactorial(n - x) +
            x * Math.log(p) +
            (n - x) * Math.log1p(-p),
        );
      }
    }
    // Wilson's coverage oscillates around nominal with n and p (Brown, Cai & DasGupta 2001,
    // Stat. Sci. 16:101, fig. 4): here 0.970308 (n = 50) and 0.943624 (n = 200), as the same
    // sum over statsmodels' Wilson intervals and scipy.stats.binom.pmf gives.
    expect(Math.abs(exact - 0.95)).toBeLessThan(0.025);
    expect(exact).toBeCloseTo(n === 50 ? 0.9703082890880887 : 0.9436239596114572, 10);
    const rng = createRng(200 + n);
    const trials = 4000;
    let covered = 0;
    for (let k = 0; k < trials; k++) {
      const ci = wilsonInterval(binomialCount(rng, n, p), n);
      if (ci.lower <= p && p <= ci.upper) covered++;
    }
    expectRateWithin(covered, trials, exact, exact, 'Wilson coverage');
  });

  it('Newcombe 95% for 10% vs 20% at 80 + 80 trials covers ≈ 95%', () => {
    const rng = createRng(210);
    const trials = 3000;
    let covered = 0;
    for (let k = 0; k < trials; k++) {
      const ci = newcombeInterval(binomialCount(rng, 80, 0.1), 80, binomialCount(rng, 80, 0.2), 80);
      if (ci.lower <= -0.1 && -0.1 <= ci.upper) covered++;
    }
    // Newcombe 1998, Table I: method 10's mean coverage 0.9563, minimum ~0.93.
    expectRateWithin(covered, trials, 0.93, 0.97, 'Newcombe coverage');
  });

  it('bootstrap percentile and BCa 90% for the median of 40 lognormal values cover ≈ 90%', () => {
    const rng = createRng(220);
    const trials = 300;
    const median = (x: Float64Array) => linearQuantile(x.sort(), 0.5);
    let percentile = 0;
    let bca = 0;
    for (let k = 0; k < trials; k++) {
      const sample = Array.from({ length: 40 }, () => Math.exp(randomNormal(rng, 3, 0.8)));
      const truth = Math.exp(3);
      const p = bootstrapInterval([sample], median, {
        rng,
        resamples: 400,
        confidence: 0.9,
        method: 'percentile',
      });
      const b = bootstrapInterval([sample], median, { rng, resamples: 400, confidence: 0.9 });
      if (p.lower <= truth && truth <= p.upper) percentile++;
      if (b.lower <= truth && truth <= b.upper) bca++;
    }
    // Bootstrap intervals for a median at n = 40 are approximate: allow 0.85–0.95.
    expectRateWithin(percentile, trials, 0.85, 0.95, 'bootstrap percentile coverage');
    expectRateWithin(bca, trials, 0.85, 0.95, 'bootstrap BCa coverage');
  });

  it('Kaplan–Meier median 95% CI (Brookmeyer–Crowley, log band) with ~30% censoring covers ≈ 95%', () => {
    const rng = createRng(230);
    const trials = 1500;
    const truth = Math.LN2; // median of Exp(1)
    let covered = 0;
    let censored = 0;
    for (let k = 0; k < trials; k++) {
      const times: number[] = [];
      const events: boolean[] = [];
      for (let i = 0; i < 60; i++) {
        const t = randomExponential(rng, 1);
        const c = 3 * rng.next();
        times.push(Math.min(t, c));
        events.push(t <= c);
        if (t > c) censored++;
      }
      const q = survivalQuantile(kaplanMeier(times, events), 0.5);
      const lower = q.lower ?? Number.POSITIVE_INFINITY;
      const upper = q.upper ?? Number.POSITIVE_INFINITY;
      if (lower <= truth && truth <= upper) covered++;
    }
    expect(censored / (trials * 60)).toBeGreaterThan(0.25);
    expectRateWithin(covered, trials, 0.93, 0.975, 'KM median CI coverage');
  });

  it('Hodges–Lehmann exact 95% CI (15 vs 12) covers the true shift at its achieved level', () => {
    const rng = createRng(240);
    const trials = 3000;
    const shift = 0.5;
    let covered = 0;
    let achieved = 0;
    for (let k = 0; k < trials; k++) {
      const x = Array.from({ length: 15 }, () => randomNormal(rng, shift));
      const y = Array.from({ length: 12 }, () => randomNormal(rng));
      const ci = hodgesLehmannShift(x, y);
      achieved = ci.achievedConfidence;
      if (ci.lower <= shift && shift <= ci.upper) covered++;
    }
    // For continuous data the exact interval's coverage is exactly its achieved level.
    expect(achieved).toBeGreaterThanOrEqual(0.95);
    expectRateWithin(covered, trials, achieved, achieved, 'HL exact coverage');
  });

  it('Hodges–Lehmann normal-approximation 95% CI (60 vs 60) covers ≈ 95%', () => {
    const rng = createRng(250);
    const trials = 600;
    const shift = -1.2;
    let covered = 0;
    for (let k = 0; k < trials; k++) {
      const x = Array.from({ length: 60 }, () => randomExponential(rng) + shift);
      const y = Array.from({ length: 60 }, () => randomExponential(rng));
      const ci = hodgesLehmannShift(x, y);
      expect(ci.method).toBe('asymptotic');
      if (ci.lower <= shift && shift <= ci.upper) covered++;
    }
    // The continuity correction widens it a little: allow 0.94–0.965.
    expectRateWithin(covered, trials, 0.94, 0.965, 'HL asymptotic coverage');
  });
});
