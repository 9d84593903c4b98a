/** An upper confidence bound on a rate after zero events. */
export interface ZeroEventBound {
  /** Exact one-sided Clopper–Pearson bound: 1 − (1 − confidence)^{1/n}. */
  readonly exact: number;
  /** The rule of three's approximation −ln(1 − confidence)/n (3/n at 95%). */
  readonly ruleOfThree: number;
  readonly trials: number;
  readonly confidence: number;
}

/**
 * The one-sided upper confidence bound on an event rate after 0 events in n trials
 * (e.g. false rollbacks in n healthy control runs): the largest p with
 * P(0 events | p) = (1 − p)ⁿ ≥ α, i.e. 1 − α^{1/n} — the Clopper–Pearson bound for x = 0,
 * `scipy.stats.beta.ppf(confidence, 1, n)`. The rule of three (Hanley & Lippman-Hand
 * 1983) approximates it by 3/n at 95%. Cost: O(1).
 *
 * Edge cases: n = 0 → 1 (nothing is known). Throws on negative or non-integer n.
 *
 * @example zeroEventUpperBound(100) // {exact: 0.029513049607039925, ruleOfThree: 0.0299573227355399, …}
 */
export function zeroEventUpperBound(trials: number, confidence = 0.95): ZeroEventBound {
  if (!Number.isInteger(trials) || trials < 0)
    throw new RangeError(`zeroEventUpperBound: trials must be an integer ≥ 0`);
  if (!(confidence > 0 && confidence < 1))
    throw new RangeError(`zeroEventUpperBound: confidence must be in (0, 1)`);
  if (trials === 0) return { exact: 1, ruleOfThree: 1, trials, confidence };
  const alpha = 1 - confidence;
  return {
    exact: -Math.expm1(Math.log(alpha) / trials),
    ruleOfThree: Math.min(1, -Math.log(alpha) / trials),
    trials,
    confidence,
  };
}
