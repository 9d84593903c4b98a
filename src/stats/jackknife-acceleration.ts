import type { SampleStatistic } from './bootstrap-replicates.js';

/**
 * The acceleration â of the BCa bootstrap interval, from the jackknife (Efron & Tibshirani
 * 1993, eq. 14.15): leaving out each value in turn (of each sample, for several),
 * â = Σ U³ / (6·(Σ U²)^{3/2}) with U = (n − 1)(θ̄₍.₎ − θ₍ᵢ₎) per sample, the sums scaled
 * by n⁻³ and n⁻² per sample — SciPy's multi-sample form (`scipy.stats.bootstrap`), which
 * for one sample is the textbook's. Cost: Σ n_k evaluations of the statistic.
 *
 * Edge cases: all jackknife values equal (no spread) → 0. Throws on an empty sample.
 *
 * @example jackknifeAcceleration([[1, 2, 3, 10]], (x) => x.reduce((a, b) => a + b, 0) / x.length) // 0.08485281374238571 (skewed data: a > 0)
 */
export function jackknifeAcceleration(
  samples: readonly (readonly number[])[],
  statistic: SampleStatistic,
): number {
  if (samples.some((s) => s.length === 0)) throw new RangeError('jackknifeAcceleration: empty sample');
  const full = samples.map((s) => Float64Array.from(s));
  let numerator = 0;
  let denominator = 0;
  samples.forEach((sample, k) => {
    const n = sample.length;
    if (n < 2) return;
    const values = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const left = new Float64Array(n - 1);
      for (let j = 0, m = 0; j < n; j++) if (j !== i) left[m++] = sample[j];
      const args = full.map((s, idx) => (idx === k ? left : s.slice()));
      values[i] = statistic(...args);
    }
    let mean = 0;
    for (const v of values) mean += v;
    mean /= n;
    let cubes = 0;
    let squares = 0;
    for (const v of values) {
      const u = (n - 1) * (mean - v);
      cubes += u * u * u;
      squares += u * u;
    }
    numerator += cubes / n ** 3;
    denominator += squares / n ** 2;
  });
  if (!(denominator > 0)) return 0;
  return numerator / (6 * denominator ** 1.5);
}
