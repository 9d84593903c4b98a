import { describe, expect, it } from 'vitest';
import { bcaInterval } from './bca-interval.js';
import { linearQuantile } from './linear-quantile.js';
import { diffReps, meanReps, medianReps, other, sample } from './testing/bootstrap-fixture.js';
import { expectClose } from './testing/expect-close.js';

const mean = (x: Float64Array) => x.reduce((a, b) => a + b, 0) / x.length;
const median = (x: Float64Array) => linearQuantile(x.sort(), 0.5);

// SciPy 1.17.1: scipy.stats._resampling._bca_interval on the same data and the same 40
// replicates, then scipy.stats.quantile at its levels (fixtures/stats/reference-py.txt).
describe('bcaInterval', () => {
  it('matches SciPy for the mean (skewed data: â > 0)', () => {
    const r90 = bcaInterval([sample], mean, meanReps, 0.9);
    expectClose(r90.acceleration, 0.08594846137683362, 12);
    expectClose(r90.lower, 45.28986216412382, 12);
    expectClose(r90.upper, 68.70084433756426, 12);
    const r95 = bcaInterval([sample], mean, meanReps, 0.95);
    expectClose(r95.lower, 44.25574533344863, 12);
    expectClose(r95.upper, 69.08098301951588, 12);
  });

  it('matches SciPy for the median (replicates tied with the estimate count ½)', () => {
    const r90 = bcaInterval([sample], median, medianReps, 0.9);
    expectClose(r90.acceleration, -0.005321128308828285, 10);
    expectClose(r90.lower, 36.83, 12);
    expectClose(r90.upper, 59.39999999999999, 12);
    const r95 = bcaInterval([sample], median, medianReps, 0.95);
    expectClose(r95.lower, 36.83, 12);
    expectClose(r95.upper, 62.846546545699084, 12);
  });

  it('matches SciPy for a difference of medians of two samples (jackknife over both)', () => {
    const r = bcaInterval([other, sample], (y, x) => median(y) - median(x), diffReps, 0.95);
    expectClose(r.acceleration, 0.005308597483684104, 10);
    expectClose(r.lower, -2.2433672962678965, 12);
    expectClose(r.upper, 40.59862803386613, 12);
  });

  it('collapses to a point when every replicate is the estimate', () => {
    const r = bcaInterval([[5, 5, 5]], median, [5, 5, 5, 5]);
    expect([r.lower, r.upper]).toEqual([5, 5]);
  });
});
