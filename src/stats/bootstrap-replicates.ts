import type { Rng } from './rng.js';

/** A statistic of one or more samples (e.g. a median, or a difference of medians). */
export type SampleStatistic = (...samples: Float64Array[]) => number;

/**
 * The bootstrap distribution of a statistic: `resamples` times, draw each sample anew
 * with replacement from itself (independently within each sample — e.g. within each
 * strategy), and evaluate the statistic on the resampled data (Efron & Tibshirani 1993,
 * ch. 6). Draws come only from `rng`, in a fixed order (sample by sample, value by value),
 * so a seed fixes the result. The statistic gets the same arrays every time, refilled: it
 * may reorder them (sort, select) but must not keep them. Cost: resamples × (Σ n_k + the
 * statistic's cost).
 *
 * Edge cases: throws on an empty sample or resamples < 1.
 *
 * @example bootstrapReplicates([[1, 2, 3]], (x) => x[0], createRng(1), 3) // three values drawn from {1, 2, 3}
 */
export function bootstrapReplicates(
  samples: readonly (readonly number[])[],
  statistic: SampleStatistic,
  rng: Rng,
  resamples: number,
): Float64Array {
  if (!Number.isInteger(resamples) || resamples < 1)
    throw new RangeError('bootstrapReplicates: resamples must be ≥ 1');
  if (samples.length === 0 || samples.some((s) => s.length === 0)) {
    throw new RangeError('bootstrapReplicates: every sample needs at least one value');
  }
  const buffers = samples.map((s) => new Float64Array(s.length));
  const replicates = new Float64Array(resamples);
  for (let b = 0; b < resamples; b++) {
    for (let k = 0; k < samples.length; k++) {
      const sample = samples[k];
      const buffer = buffers[k];
      const n = sample.length;
      for (let i = 0; i < n; i++) buffer[i] = sample[Math.floor(rng.next() * n)];
    }
    replicates[b] = buffers.length === 1 ? statistic(buffers[0]) : statistic(...buffers);
  }
  return replicates;
}
