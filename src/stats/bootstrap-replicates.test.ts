import { describe, expect, it } from 'vitest';
import { bootstrapReplicates } from './bootstrap-replicates.js';
import { createRng } from './rng.js';

describe('bootstrapReplicates', () => {
  it('is deterministic by seed and draws only from the sample', () => {
    const stat = (x: Float64Array) => x[0];
    const a = bootstrapReplicates([[1, 2, 3]], stat, createRng(1), 50);
    const b = bootstrapReplicates([[1, 2, 3]], stat, createRng(1), 50);
    expect([...a]).toEqual([...b]);
    expect(new Set(a)).toEqual(new Set([1, 2, 3]));
  });

  it('resamples each sample within itself', () => {
    const reps = bootstrapReplicates(
      [
        [0, 0],
        [10, 10, 10],
      ],
      (x, y) => x.length * 100 + y[0],
      createRng(3),
      20,
    );
    expect([...new Set(reps)]).toEqual([210]);
  });

  it('leaves the mean of the replicates of a mean near the sample mean', () => {
    const x = Array.from({ length: 40 }, (_, i) => i);
    const reps = bootstrapReplicates([x], (s) => s.reduce((a, b) => a + b, 0) / s.length, createRng(9), 4000);
    const mean = reps.reduce((a, b) => a + b, 0) / reps.length;
    // SE of the mean of 4000 replicates: σ/√n/√4000 = 11.5/√40/63 ≈ 0.03.
    expect(Math.abs(mean - 19.5)).toBeLessThan(0.15);
    expect(() => bootstrapReplicates([[]], (s) => s[0], createRng(1), 1)).toThrow(RangeError);
  });
});
