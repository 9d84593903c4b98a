import { describe, expect, it } from 'vitest';
import { bcaInterval } from './bca-interval.js';
import { bootstrapInterval } from './bootstrap-interval.js';
import { bootstrapReplicates } from './bootstrap-replicates.js';
import { linearQuantile } from './linear-quantile.js';
import { createRng } from './rng.js';
import { sample } from './testing/bootstrap-fixture.js';

const median = (x: Float64Array) => linearQuantile(x.sort(), 0.5);

describe('bootstrapInterval', () => {
  it('is replicates then BCa (or percentile), byte for byte by seed', () => {
    const r = bootstrapInterval([sample], median, { rng: createRng(42), resamples: 500 });
    const replicates = bootstrapReplicates([sample], median, createRng(42), 500);
    expect(r).toEqual(bcaInterval([sample], median, replicates, 0.95));
    expect(bootstrapInterval([sample], median, { rng: createRng(42), resamples: 500 })).toEqual(r);
    const p = bootstrapInterval([sample], median, {
      rng: createRng(42),
      resamples: 500,
      method: 'percentile',
    });
    expect(p.method).toBe('percentile');
    expect(p.estimate).toBe(53.34);
  });

  it('contains the estimate for a reasonable sample', () => {
    const r = bootstrapInterval([sample], median, { rng: createRng(5) });
    expect(r.lower).toBeLessThanOrEqual(r.estimate);
    expect(r.upper).toBeGreaterThanOrEqual(r.estimate);
  });
});
