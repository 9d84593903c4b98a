import { describe, expect, it } from 'vitest';
import { createRng } from '../../stats/rng.js';
import type { CensoredTimes } from '../statistics/time-to-event.js';
import { kmMedian, kmMedianReplicates } from './median-difference.js';

/** The definition: kmMedian (a full Kaplan–Meier fit and R's quantile rule) of each resample. */
function replicatesByDefinition(sample: CensoredTimes, seed: number, resamples: number): number[] {
  const rng = createRng(seed);
  const n = sample.times.length;
  const out: number[] = [];
  for (let b = 0; b < resamples; b++) {
    const times: number[] = [];
    const events: boolean[] = [];
    for (let i = 0; i < n; i++) {
      const j = Math.floor(rng.next() * n);
      times.push(sample.times[j]);
      events.push(sample.events[j]);
    }
    out.push(kmMedian({ times, events }));
  }
  return out;
}

/** Samples like the report's: detection times on a 5 s grid (many ties), some censored. */
function sample(seed: number, n: number, censoredShare: number): CensoredTimes {
  const rng = createRng(seed);
  const times: number[] = [];
  const events: boolean[] = [];
  for (let i = 0; i < n; i++) {
    times.push(5000 * Math.floor(rng.next() * 12));
    events.push(rng.next() >= censoredShare);
  }
  return { times, events };
}

describe('kmMedianReplicates', () => {
  it.each([
    [1, 4, 0],
    [2, 10, 0.3],
    [3, 25, 0.5],
    [4, 50, 0.7],
    [5, 200, 0.1],
    [6, 7, 0.9],
  ])('equals kmMedian of every resample (sample seed %i, n = %i, %f censored)', (seed, n, censored) => {
    const s = sample(seed, n, censored);
    const fast = kmMedianReplicates(s, createRng(1000 + seed), 500);
    expect([...fast]).toEqual(replicatesByDefinition(s, 1000 + seed, 500));
    // Some resamples reach the median and, with censoring, some do not: both paths are checked.
    if (censored >= 0.5) expect(fast.some((x) => x === Number.POSITIVE_INFINITY)).toBe(true);
    expect(fast.some(Number.isFinite)).toBe(true);
  });

  it('gives the middle of a flat stretch at exactly one half, as R does', () => {
    // 1, 2, 3, 4 all detected: S = ½ between 2 and 3, so the median is 2.5.
    const s = { times: [1, 2, 3, 4], events: [true, true, true, true] };
    expect(kmMedian(s)).toBe(2.5);
    const fast = kmMedianReplicates(s, createRng(9), 300);
    expect([...fast]).toEqual(replicatesByDefinition(s, 9, 300));
    expect(fast.some((x) => !Number.isInteger(x))).toBe(true);
  });
});
