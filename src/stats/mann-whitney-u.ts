import type { Alternative } from './fisher-exact.js';
import { mannWhitneyUCounts } from './mann-whitney-u-counts.js';
import { midRanks } from './mid-ranks.js';
import { normalCdf } from './normal-cdf.js';

export interface MannWhitneyOptions {
  /** 'greater': x tends to be larger than y; 'less': smaller; default 'two-sided'. */
  readonly alternative?: Alternative;
  /**
   * 'auto' (default) follows SciPy's `mannwhitneyu`: exact when the smaller sample has ≤ 8
   * values and there are no ties, else the normal approximation.
   */
  readonly method?: 'auto' | 'exact' | 'asymptotic';
  /** Continuity correction of the normal approximation (default true, as SciPy and R). */
  readonly continuity?: boolean;
}

export interface MannWhitneyResult {
  /** U of x: the number of pairs (xᵢ, yⱼ) with xᵢ > yⱼ, ties counting ½. */
  readonly u: number;
  /** U of y = n_x·n_y − u. */
  readonly uY: number;
  readonly pValue: number;
  /** Standardised statistic (U − n_x n_y/2 − correction)/σ of the normal approximation; NaN for the exact test. */
  readonly z: number;
  readonly method: 'exact' | 'asymptotic';
  readonly alternative: Alternative;
  /** Common-language effect size u/(n_x n_y): P(X > Y) + ½P(X = Y). */
  readonly commonLanguage: number;
  readonly nX: number;
  readonly nY: number;
  readonly ties: boolean;
}

/**
 * The Mann-Whitney U test (Wilcoxon rank-sum test) of two independent samples, e.g.
 * rollback times of two strategies: U = R_x − n_x(n_x+1)/2 from mid-ranks. Exact p-values
 * from the null distribution of U when SciPy's rule allows; otherwise the normal
 * approximation with E[U] = n_x n_y/2, tie-corrected
 * σ = √((n_x n_y/12)·((N+1) − Σ(t³ − t)/(N(N−1)))) and continuity correction ½ toward
 * E[U]. Matches `scipy.stats.mannwhitneyu(x, y, alternative, method)` and R's
 * `wilcox.test(x, y, correct = TRUE)` (whose W is this U). Cost: O(N log N), plus
 * O(s²t) for the exact distribution (s, t the smaller and larger sizes).
 *
 * Edge cases: throws when a sample is empty or contains NaN. All values tied (σ = 0) →
 * p = 1 (no evidence either way), z = 0.
 *
 * @example mannWhitneyU([19, 22, 16, 29, 24], [20, 11, 17, 12]) // {u: 17, pValue: 0.1111111111111111, method: 'exact', …}
 */
export function mannWhitneyU(
  x: readonly number[],
  y: readonly number[],
  options: MannWhitneyOptions = {},
): MannWhitneyResult {
  const { alternative = 'two-sided', method = 'auto', continuity = true } = options;
  const nX = x.length;
  const nY = y.length;
  if (nX === 0 || nY === 0) throw new RangeError('mannWhitneyU: both samples need at least one value');
  const { ranks, tieSizes } = midRanks([...x, ...y]);
  let rankSumX = 0;
  for (let i = 0; i < nX; i++) rankSumX += ranks[i];
  const u = rankSumX - (nX * (nX + 1)) / 2;
  const uY = nX * nY - u;
  const ties = tieSizes.length > 0;
  const commonLanguage = u / (nX * nY);
  const chosen = method === 'auto' ? (Math.min(nX, nY) <= 8 && !ties ? 'exact' : 'asymptotic') : method;
  const base = { u, uY, method: chosen, alternative, commonLanguage, nX, nY, ties } as const;

  if (chosen === 'exact') {
    const counts = mannWhitneyUCounts(nX, nY);
    let total = 0;
    for (const c of counts) total += c;
    // P(U ≤ k), summed from the lower end (small counts first, no cancellation).
    const cdf = (k: number): number => {
      let acc = 0;
      for (let v = 0; v <= Math.floor(k + 1e-9) && v < counts.length; v++) acc += counts[v];
      return acc / total;
    };
    // P(U ≥ k) = P(U ≤ n_x n_y − k) by symmetry.
    const sf = (k: number): number => cdf(nX * nY - k);
    const pValue =
      alternative === 'greater'
        ? sf(u)
        : alternative === 'less'
          ? cdf(u)
          : Math.min(1, 2 * sf(Math.max(u, uY)));
    return { ...base, pValue, z: Number.NaN };
  }

  const n = nX + nY;
  const tieTerm = tieSizes.reduce((acc, t) => acc + t * t * t - t, 0);
  const sigma = Math.sqrt(((nX * nY) / 12) * (n + 1 - tieTerm / (n * (n - 1))));
  const deviation = u - (nX * nY) / 2;
  if (!(sigma > 0)) return { ...base, pValue: 1, z: 0 };
  const half = continuity ? 0.5 : 0;
  const correction =
    alternative === 'greater' ? half : alternative === 'less' ? -half : Math.sign(deviation) * half;
  const z = (deviation - correction) / sigma;
  const pValue =
    alternative === 'greater'
      ? normalCdf(-z)
      : alternative === 'less'
        ? normalCdf(z)
        : Math.min(1, 2 * normalCdf(-Math.abs(z)));
  return { ...base, pValue, z };
}
