import type { KaplanMeierCurve } from './kaplan-meier.js';

/** The restricted mean survival time ∫₀^H S(t) dt with its standard error. */
export interface RestrictedMean {
  readonly mean: number;
  readonly stdErr: number;
  readonly horizon: number;
}

/**
 * The restricted mean event time to a horizon H: ∫₀^H S(t) dt over the Kaplan–Meier step
 * function — the mean time to detection when detection is cut off at the end of the run
 * (a never-detected trial contributes H). It exists even when the median does not
 * (fewer than half detected). Variance Σ_{tⱼ ≤ H} Aⱼ²·dⱼ/(nⱼ(nⱼ − dⱼ)), Aⱼ = ∫_{tⱼ}^H S
 * (Klein & Moeschberger 2003, §4.5), as R's `print(survfit(...), rmean = H)`.
 * Beyond the last observed time S stays at its last value. Cost: O(length of the curve).
 *
 * Edge cases: H ≤ 0 → 0; terms with nⱼ = dⱼ add nothing (R's convention).
 *
 * @example restrictedMeanSurvival(kaplanMeier([1, 2, 3, 4], [true, true, true, true]), 10).mean // 2.5
 */
export function restrictedMeanSurvival(curve: KaplanMeierCurve, horizon: number): RestrictedMean {
  if (!(horizon > 0)) return { mean: 0, stdErr: 0, horizon };
  // Steps of S within [0, H]: S = 1 on [0, time₀), survival[i] on [timeᵢ, timeᵢ₊₁).
  const starts: number[] = [0];
  const levels: number[] = [1];
  curve.time.forEach((t, i) => {
    if (t < horizon && curve.nEvent[i] > 0) {
      starts.push(t);
      levels.push(curve.survival[i]);
    }
  });
  const areas: number[] = levels.map(
    (level, k) => level * ((k + 1 < starts.length ? starts[k + 1] : horizon) - starts[k]),
  );
  const mean = areas.reduce((a, b) => a + b, 0);
  // after[k]: the area from starts[k] to H.
  const after = new Array<number>(areas.length + 1).fill(0);
  for (let k = areas.length - 1; k >= 0; k--) after[k] = after[k + 1] + areas[k];
  let variance = 0;
  // starts[k] is the k-th event time before H (starts[0] = 0), in the curve's order.
  let k = 0;
  curve.time.forEach((t, i) => {
    if (t >= horizon || curve.nEvent[i] === 0) return;
    k++;
    const n = curve.nRisk[i];
    const d = curve.nEvent[i];
    if (n > d) variance += (after[k] * after[k] * d) / (n * (n - d));
  });
  return { mean, stdErr: Math.sqrt(variance), horizon };
}
