/**
 * Holm's step-down adjustment of p-values for multiple comparisons (Holm 1979): with the
 * p-values sorted ascending, p̃₍ᵢ₎ = max_{j≤i} min(1, (m − j + 1)·p₍ⱼ₎). Controls the
 * family-wise error rate under any dependence and is uniformly more powerful than
 * Bonferroni. Same as R's `p.adjust(p, "holm")`. Returns the adjusted values in the
 * input's order. Cost: O(m log m).
 *
 * Edge cases: an empty list → []; NaN entries stay NaN and do not count toward m (as R's
 * `p.adjust` with `n = sum(!is.na(p))`).
 *
 * @example holmAdjust([0.01, 0.04, 0.03]) // [0.03, 0.06, 0.06]
 */
export function holmAdjust(pValues: readonly number[]): number[] {
  const order = pValues
    .map((p, index) => ({ p, index }))
    .filter(({ p }) => !Number.isNaN(p))
    .sort((x, y) => x.p - y.p || x.index - y.index);
  const m = order.length;
  const adjusted = pValues.map(() => Number.NaN);
  let running = 0;
  order.forEach(({ p, index }, i) => {
    running = Math.max(running, Math.min(1, (m - i) * p));
    adjusted[index] = running;
  });
  return adjusted;
}
