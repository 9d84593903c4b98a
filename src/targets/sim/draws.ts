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

/** The last mean of an inversion and e^−mean (arrivals and births repeat theirs). */
const SMALL_POISSON = new Float64Array([Number.NaN, 0]);

const PTRS = { mean: Number.NaN, logLam: 0, b: 0, a: 0, invAlpha: 0, vr: 0 };

/**
 * Poisson(mean). Inversion by sequential search below mean 30 (cost ~mean), Hörmann's
 * PTRS transformed rejection above (exact, ~2 uniforms).
 */
export function poisson(rng: Rng, mean: number): number {
  if (!(mean > 0)) return 0;
  if (mean < 30) {
    let k = 0;
    const c = SMALL_POISSON;
    if (c[0] !== mean) {
      c[0] = mean;
      c[1] = Math.exp(-mean);
    }
    let p = c[1];
    let cdf = p;
    const u = rng.next();
    while (u > cdf && k < 1000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }
  // The constants of the last mean (arrivals repeat theirs tick after tick).
  const c = PTRS;
  if (c.mean !== mean) {
    c.mean = mean;
    c.logLam = Math.log(mean);
    c.b = 0.931 + 2.53 * Math.sqrt(mean);
    c.a = -0.059 + 0.02483 * c.b;
    c.invAlpha = 1.1239 + 1.1328 / (c.b - 3.4);
    c.vr = 0.9277 - 3.6224 / (c.b - 2);
  }
  const { logLam, b, a, invAlpha, vr } = c;
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

/** ln √(2π). */
const HALF_LOG_2PI = 0.5 * Math.log(2 * Math.PI);

/**
 * Stirling's correction fc(k) = ln k! − [(k + ½)·ln(k + 1) − (k + 1) + ln √(2π)], from the
 * exact table below 256 and its series above (error < 1e-16 there).
 */
const STIRLING_CORRECTION: number[] = LOG_FACTORIAL.map(
  (lf, k) => lf - ((k + 0.5) * Math.log(k + 1) - (k + 1) + HALF_LOG_2PI),
);

function stirlingCorrection(k: number): number {
  if (k < 256) return STIRLING_CORRECTION[k];
  const x2 = (k + 1) * (k + 1);
  return (1 / 12 - (1 / 360 - 1 / 1260 / x2) / x2) / (k + 1);
}

/** The last p of an inversion and ln(1 − p); in a typed array, whose numbers are not boxed. */
const INVERSION = new Float64Array([Number.NaN, 0]);

/**
 * Binomial(n, p), exact in distribution: inversion from 0 when n·p < 10 (cost ~n·p, most
 * rare-event draws answered by one comparison), Hörmann's BTRD (transformed rejection with
 * a decomposition, ~2 uniforms and a few multiplications) from 10 up; p > ½ by symmetry.
 */
export function binomial(rng: Rng, n: number, p: number): number {
  if (n <= 0 || p <= 0) return 0;
  if (p >= 1) return n;
  if (p > 0.5) return n - binomial(rng, n, 1 - p);
  const mean = n * p;
  if (mean >= 10 && Number.isInteger(n)) return btrd(rng, n, p);
  // Inversion from 0 with the recurrence P(k+1) = P(k)·(n−k)/(k+1)·p/q. Most draws of
  // rare events are 0: P(0) = (1−p)ⁿ ≥ 1 − n·p (Bernoulli), so u ≤ 1 − n·p answers 0
  // without computing P(0) — the same answer the full inversion gives for this u.
  const u = rng.next();
  if (u <= 1 - mean) return 0;
  const q = 1 - p;
  const ratio = p / q;
  // ln(1 − p) of the last p (most call sites draw with the same p tick after tick).
  const c = INVERSION;
  if (c[0] !== p) {
    c[0] = p;
    c[1] = Math.log1p(-p);
  }
  let pk = Math.exp(n * c[1]);
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

/**
 * BTRD (W. Hörmann, "The generation of binomial random variates", J. Statist. Comput.
 * Simul. 46, 1993) for integer n, p ≤ ½, n·p ≥ 10: a hat of the form
 * (2a/(½ − |u|) + b)·u + c over the pmf, a box inside it accepted at once (~86% of draws),
 * the rest accepted against f(k)/f(m) — by the recurrence near the mode m, by a squeeze or
 * Stirling's formula further out.
 */
function btrd(rng: Rng, n: number, p: number): number {
  const q = 1 - p;
  const m = Math.floor((n + 1) * p);
  const r = p / q;
  const nr = (n + 1) * r;
  const npq = n * p * q;
  const spq = Math.sqrt(npq);
  const b = 1.15 + 2.53 * spq;
  const a = -0.0873 + 0.0248 * b + 0.01 * p;
  const c = n * p + 0.5;
  const alpha = (2.83 + 5.1 / b) * spq;
  const vr = 0.92 - 4.2 / b;
  const urvr = 0.86 * vr;
  for (;;) {
    let v = rng.next();
    let u: number;
    if (v <= urvr) {
      u = v / vr - 0.43;
      return Math.floor(((2 * a) / (0.5 - Math.abs(u)) + b) * u + c);
    }
    if (v >= vr) {
      u = rng.next() - 0.5;
    } else {
      u = v / vr - 0.93;
      u = (u < 0 ? -0.5 : 0.5) - u;
      v = rng.next() * vr;
    }
    const us = 0.5 - Math.abs(u);
    const k = Math.floor(((2 * a) / us + b) * u + c);
    if (k < 0 || k > n) continue;
    v = (v * alpha) / (a / (us * us) + b);
    const km = Math.abs(k - m);
    if (km <= 15) {
      // f(k)/f(m) by the recurrence f(i)/f(i−1) = nr/i − r.
      let f = 1;
      if (m < k) for (let i = m + 1; i <= k; i++) f *= nr / i - r;
      else if (m > k) for (let i = k + 1; i <= m; i++) v *= nr / i - r;
      if (v <= f) return k;
      continue;
    }
    const lv = Math.log(v);
    const rho = (km / npq) * (((km / 3 + 0.625) * km + 1 / 6) / npq + 0.5);
    const t = (-km * km) / (2 * npq);
    if (lv < t - rho) return k;
    if (lv > t + rho) continue;
    const nm = n - m + 1;
    const h = (m + 0.5) * Math.log((m + 1) / (r * nm)) + stirlingCorrection(m) + stirlingCorrection(n - m);
    const nk = n - k + 1;
    if (
      lv <=
      h +
        (n + 1) * Math.log(nm / nk) +
        (k + 0.5) * Math.log((nk * r) / (k + 1)) -
        stirlingCorrection(k) -
        stirlingCorrection(n - k)
    )
      return k;
  }
}

/** Index drawn from cumulative probabilities `cdf` (last entry 1). */
export function categorical(rng: Rng, cdf: Float64Array | readonly number[]): number {
  const u = rng.next();
  const n = cdf.length;
  for (let i = 0; i < n - 1; i++) if (u < cdf[i]) return i;
  return n - 1;
}
