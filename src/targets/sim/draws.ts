/**
 * Random variates for the simulated world, all from one seeded Rng. Fast paths are
 * chosen by parameter ranges; each is exact in distribution except where noted.
 */
import type { Rng } from '../../stats/rng.js';

/** Exponential with the given rate (events per unit). */
export function exponential(rng: Rng, rate: number): number {
  return -Math.log(1 - rng.next()) / rate;
}

/** Standard normal, Marsaglia's polar method with the spare value cached per source. */
export class NormalSource {
  private spare = 0;
  private hasSpare = false;

  constructor(private readonly rng: Rng) {}

  next(): number {
    if (this.hasSpare) {
      this.hasSpare = false;
      return this.spare;
    }
    let u: number;
    let v: number;
    let s: number;
    do {
      u = 2 * this.rng.next() - 1;
      v = 2 * this.rng.next() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * Math.log(s)) / s);
    this.spare = v * f;
    this.hasSpare = true;
    return u * f;
  }
}

const LOG_FACTORIAL: number[] = [0];
for (let k = 1; k < 256; k++) LOG_FACTORIAL[k] = LOG_FACTORIAL[k - 1] + Math.log(k);

function logFactorial(k: number): number {
  if (k < 256) return LOG_FACTORIAL[k];
  // Stirling series; error < 1e-10 for k >= 256.
  const x = k + 1;
  return (x - 0.5) * Math.log(x) - x + 0.5 * Math.log(2 * Math.PI) + 1 / (12 * x) - 1 / (360 * x * x * x);
}

/**
 * Poisson(mean). Inversion by sequential search below mean 30 (cost ~mean), Hörmann's
 * PTRS transformed rejection above (exact, ~2 uniforms).
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = rng.next();
    while (u > cdf && k < 1000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  const slam = Math.sqrt(mean);
  const logLam = Math.log(mean);
  const b = 0.931 + 2.53 * slam;
  const a = -0.059 + 0.02483 * b;
  const invAlpha = 1.1239 + 1.1328 / (b - 3.4);
  const vr = 0.9277 - 3.6224 / (b - 2);
  for (;;) {
    const u = rng.next() - 0.5;
    const v = rng.next();
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + mean + 0.43);
    if (us >= 0.07 && v <= vr) return k;
    if (k < 0 || (us < 0.013 && v > us)) continue;
    if (
      Math.log(v) + Math.log(invAlpha) - Math.log(a / (us * us) + b) <=
      -mean + k * logLam - logFactorial(k)
    ) {
      return k;
    }
  }
}

/**
 * Binomial(n, p). Small means by inversion (exact); large variance by a rounded normal
 * with continuity correction, clamped to [0, n] — indistinguishable at n·p·(1−p) ≥ 30,
 * where it is used.
 */
export function binomial(rng: Rng, normal: NormalSource, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, normal, n, 1 - p);
  const mean = n * p;
  const variance = mean * (1 - p);
  if (variance >= 30) {
    const x = Math.floor(mean + Math.sqrt(variance) * normal.next() + 0.5);
    return x < 0 ? 0 : Math.min(x, n);
  }
  // Inversion from 0 with the recurrence P(k+1) = P(k)·(n−k)/(k+1)·p/q. Most draws of
  // rare events are 0: P(0) = (1−p)ⁿ ≥ 1 − n·p (Bernoulli), so u ≤ 1 − n·p answers 0
  // without computing P(0) — the same answer the full inversion gives for this u.
  const u = rng.next();
  if (u <= 1 - mean) return 0;
  const q = 1 - p;
  const ratio = p / q;
  let pk = Math.exp(n * Math.log1p(-p));
  let cdf = pk;
  let k = 0;
  while (u > cdf && k < n) {
    pk *= ((n - k) / (k + 1)) * ratio;
    k++;
    cdf += pk;
    if (pk < 1e-300 && cdf < u) break;
  }
  return k;
}

/** Index drawn from cumulative probabilities `cdf` (last entry 1). */
export function categorical(rng: Rng, cdf: Float64Array | readonly number[]): number {
  const u = rng.next();
  const n = cdf.length;
  for (let i = 0; i < n - 1; i++) if (u < cdf[i]) return i;
  return n - 1;
}
