/**
 * How many clean trials (zero events) certify, at the given one-sided confidence, that
 * an event rate is below `rate`: the smallest n with (1 − rate)ⁿ ≤ 1 − confidence, i.e.
 * ⌈ln(1 − confidence) / ln(1 − rate)⌉ — the inverse of `zeroEventUpperBound`. "Fewer than
 * 5% false rollbacks at 95%" takes 59 control runs with none rolled back. Cost: O(1).
 *
 * Edge cases: throws unless 0 < rate < 1 and 0 < confidence < 1.
 *
 * @example trialsForZeroEvents(0.05) // 59
 */
export function trialsForZeroEvents(rate: number, confidence = 0.95): number {
  if (!(rate > 0 && rate < 1)) throw new RangeError(`trialsForZeroEvents: rate must be in (0, 1)`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`trialsForZeroEvents: confidence must be in (0, 1)`);
  const n = Math.log1p(-confidence) / Math.log1p(-rate);
  // Guard against n landing a hair above an integer through rounding.
  const rounded = Math.round(n);
  return Math.abs(n - rounded) < 1e-9 ? rounded : Math.ceil(n);
}
