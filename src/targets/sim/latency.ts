/**
 * Service-time model: a lognormal fixed by its median and 99th percentile, plus the
 * latency fault's added delay. Also the Prometheus histogram buckets the synthetic
 * service exposes (prom-client's defaults), and per-bucket probabilities for the
 * aggregated (per-tick) fidelity.
 */
import type { LatencyModel } from '../../scenario/model.js';

/** prom-client's default buckets, in seconds; the +Inf bucket is implicit (index 11). */
export const BUCKET_BOUNDS_S: readonly number[] = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
export const BUCKET_COUNT = BUCKET_BOUNDS_S.length + 1;
export const BUCKET_LABELS: readonly string[] = [...BUCKET_BOUNDS_S.map((b) => String(b)), '+Inf'];

/** z_{0.99}: the standard normal 99th percentile. */
const Z99 = 2.3263478740408408;

export interface LognormalParams {
  /** Mean of log(latency in ms). */
  readonly mu: number;
  /** Standard deviation of log(latency). */
  readonly sigma: number;
}

export function lognormalFromPercentiles(model: LatencyModel): LognormalParams {
  return { mu: Math.log(model.p50Ms), sigma: Math.log(model.p99Ms / model.p50Ms) / Z99 };
}

/** Bucket index (0…11) of a latency in milliseconds. */
export function bucketOf(ms: number): number {
  const s = ms / 1000;
  // Unrolled search over 11 bounds: most requests land in the first few.
  let i = 0;
  while (i < 11 && s > BUCKET_BOUNDS_S[i]) i++;
  return i;
}

/** Complementary error function (Numerical Recipes' Chebyshev fit, |rel. error| < 1.2e-7). */
function erfc(x: number): number {
  const z = Math.abs(x);
  const t = 1 / (1 + 0.5 * z);
  const r =
    t *
    Math.exp(
      -z * z -
        1.26551223 +
        t *
          (1.00002368 +
            t *
              (0.37409196 +
                t *
                  (0.09678418 +
                    t *
                      (-0.18628806 +
                        t *
                          (0.27886807 +
                            t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277)))))))),
    );
  return x >= 0 ? r : 2 - r;
}

/** Standard normal CDF (accurate to ~1e-7, enough for bucket probabilities). */
export function phi(x: number): number {
  return 0.5 * erfc(-x / Math.SQRT2);
}

/** Standard normal quantile (Acklam's rational approximation, refined by one Halley step). */
export function phiInverse(p: number): number {
  const a = [
    -3.969683028665376e1, 2.209460984245205e2, -2.759285104469687e2, 1.38357751867269e2, -3.066479806614716e1,
    2.506628277459239,
  ];
  const b = [
    -5.447609879822406e1, 1.615858368580409e2, -1.556989798598866e2, 6.680131188771972e1,
    -1.328068155288572e1,
  ];
  const c = [
    -7.784894002430293e-3, -3.223964580411365e-1, -2.400758277161838, -2.549732539343734, 4.374664141464968,
    2.938163982698783,
  ];
  const d = [7.784695709041462e-3, 3.224671290700398e-1, 2.445134137142996, 3.754408661907416];
  const lo = 0.02425;
  let x: number;
  if (p < lo) {
    const q = Math.sqrt(-2 * Math.log(p));
    x =
      (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  } else if (p <= 1 - lo) {
    const q = p - 0.5;
    const r = q * q;
    x =
      ((((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q) /
      (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1);
  } else {
    const q = Math.sqrt(-2 * Math.log(1 - p));
    x =
      -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
      ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1);
  }
  const e = phi(x) - p;
  const u = e * Math.sqrt(2 * Math.PI) * Math.exp((x * x) / 2);
  return x - u / (1 + (x * u) / 2);
}

/** Per-bucket probabilities (non-cumulative, summing to 1) of a latency CDF in ms. */
export function bucketProbabilities(cdfMs: (ms: number) => number): Float64Array {
  const probs = new Float64Array(BUCKET_COUNT);
  let prev = 0;
  for (let i = 0; i < BUCKET_BOUNDS_S.length; i++) {
    const c = Math.min(1, Math.max(prev, cdfMs(BUCKET_BOUNDS_S[i] * 1000)));
    probs[i] = c - prev;
    prev = c;
  }
  probs[BUCKET_COUNT - 1] = 1 - prev;
  return probs;
}

/** CDF of the lognormal service time, ms. */
export function lognormalCdf(params: LognormalParams): (ms: number) => number {
  return (ms) => (ms <= 0 ? 0 : phi((Math.log(ms) - params.mu) / params.sigma));
}

/**
 * CDF of service time plus an added delay max(0, N(delayMs, jitterMs²)), by averaging
 * over 400 quantiles of the lognormal (computed once per scenario).
 */
export function delayedCdf(
  params: LognormalParams,
  delayMs: number,
  jitterMs: number,
): (ms: number) => number {
  const K = 400;
  const base = new Float64Array(K);
  for (let k = 0; k < K; k++) base[k] = Math.exp(params.mu + params.sigma * phiInverse((k + 0.5) / K));
  return (ms) => {
    let sum = 0;
    for (let k = 0; k < K; k++) {
      const room = ms - base[k];
      if (jitterMs > 0) {
        // P(max(0, D) <= room) with D ~ N(delay, jitter²); max(0, D) <= room needs room >= 0.
        sum += room < 0 ? 0 : phi((room - delayMs) / jitterMs);
      } else {
        sum += room >= delayMs ? 1 : 0;
      }
    }
    return sum / K;
  };
}

/**
 * The q-quantile (0–1) of latency from per-bucket counts, interpolating linearly inside
 * the bucket as Prometheus' histogram_quantile does; the +Inf bucket reports the last
 * finite bound. 0 when there are no counts.
 */
export function quantileFromBuckets(counts: ArrayLike<number>, offset: number, q: number): number {
  let total = 0;
  for (let i = 0; i < BUCKET_COUNT; i++) total += counts[offset + i];
  if (total === 0) return 0;
  const rank = q * total;
  let cumulative = 0;
  for (let i = 0; i < BUCKET_COUNT; i++) {
    const c = counts[offset + i];
    if (cumulative + c >= rank && c > 0) return withinBucketMs(i, rank, cumulative, c);
    cumulative += c;
  }
  return BUCKET_BOUNDS_S[BUCKET_BOUNDS_S.length - 1] * 1000;
}

/**
 * The quantile (ms) at `rank` in bucket k, which holds `count` observations above `below`
 * others: linear within the bucket, as histogram_quantile; the last finite bound for +Inf.
 */
export function withinBucketMs(k: number, rank: number, below: number, count: number): number {
  if (k === BUCKET_COUNT - 1) return BUCKET_BOUNDS_S[BUCKET_BOUNDS_S.length - 1] * 1000;
  const lower = k === 0 ? 0 : BUCKET_BOUNDS_S[k - 1];
  const upper = BUCKET_BOUNDS_S[k];
  return (lower + ((upper - lower) * (rank - below)) / count) * 1000;
}

/**
 * Mean latency (ms) of the requests falling in each bucket, for a CDF given on a fine
 * grid: the per-tick fidelity adds count × this mean to the histogram's _sum.
 */
export function bucketMeansMs(cdfMs: (ms: number) => number): Float64Array {
  const means = new Float64Array(BUCKET_COUNT);
  const bounds = [0, ...BUCKET_BOUNDS_S.map((b) => b * 1000), 60_000];
  for (let k = 0; k < BUCKET_COUNT; k++) {
    const lo = bounds[k];
    const hi = bounds[k + 1];
    // Midpoint rule over 200 log-spaced (or linear for the first) slices of the bucket.
    const steps = 200;
    let mass = 0;
    let moment = 0;
    let prevX = lo;
    let prevC = cdfMs(lo);
    for (let i = 1; i <= steps; i++) {
      const x = lo === 0 ? (hi * i) / steps : lo * (hi / lo) ** (i / steps);
      const c = cdfMs(x);
      const dm = c - prevC;
      mass += dm;
      moment += dm * 0.5 * (x + prevX);
      prevX = x;
      prevC = c;
    }
    means[k] = mass > 0 ? moment / mass : 0.5 * (lo + hi);
  }
  return means;
}
