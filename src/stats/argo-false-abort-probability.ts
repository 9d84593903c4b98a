import { binomialUpperTail } from './binomial-upper-tail.js';

/**
 * The probability that an Argo Rollouts analysis metric aborts a healthy release: with
 * `count` measurements, each failing independently with probability q on a healthy
 * release (measured from control runs), and `failureLimit` L, Argo fails the metric when
 * failed > L (strictly), so P(false abort) = P(X > L), X ~ Binomial(count, q)
 * = 1 − Σ_{i≤L} C(N, i) qⁱ (1 − q)^{N−i}. Independence is an assumption: correlated
 * failures (a slow node, a noisy neighbour) make real rates higher. Cost: O(count).
 *
 * Edge cases: failureLimit = −1 (Argo: never fail) → 0; L ≥ count → 0.
 *
 * @example argoFalseAbortProbability(10, 0.05, 0) // 0.4012630607616213 (40.1%)
 * @example argoFalseAbortProbability(10, 0.05, 2) // 0.01150355737929687 (1.15%)
 */
export function argoFalseAbortProbability(count: number, q: number, failureLimit: number): number {
  if (failureLimit === -1) return 0;
  if (!Number.isInteger(failureLimit) || failureLimit < -1) {
    throw new RangeError(`argoFalseAbortProbability: failureLimit must be an integer ≥ −1`);
  }
  return binomialUpperTail(count, q, failureLimit);
}
