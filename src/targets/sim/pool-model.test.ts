import { describe, expect, it } from 'vitest';
import { createRng, type Rng } from '../../stats/rng.js';
import { effectivePatienceS, expectedBusy, lognormalCv2, timeoutProbability } from './pool-model.js';

/** Erlang's loss formula B(c, a) by its recurrence B(0) = 1, B(k) = a·B(k−1)/(k + a·B(k−1)). */
function erlangB(c: number, a: number): number {
  let b = 1;
  for (let k = 1; k <= c; k++) b = (a * b) / (k + a * b);
  return b;
}

/**
 * M/M/1+D: the classical closed form for one server and deterministic patience T,
 * P(abandon) = ρ(1−ρ)e^{−(μ−λ)T} / (1 − ρ²e^{−(μ−λ)T}) (ρ ≠ 1), and 1/(2 + μT) at ρ = 1.
 */
function mm1d(lambda: number, mu: number, T: number): number {
  const rho = lambda / mu;
  if (rho === 1) return 1 / (2 + mu * T);
  const e = Math.exp(-(mu - lambda) * T);
  return (rho * (1 - rho) * e) / (1 - rho * rho * e);
}

/**
 * A discrete-event simulation of the M/M/c+D pool, FCFS: each arrival takes the connection
 * that frees first, waiting for it, or gives up when that wait exceeds the patience
 * (with deterministic patience and FCFS, the wait is known on arrival). `reps`
 * independent replications of `perRep` arrivals after `warmUp` discarded ones; returns
 * the mean timeout share and its standard error from the spread of the replications.
 * Holding times are exponential with mean `meanHoldS`, or drawn by `hold` when given.
 */
function simulatePool(
  rng: Rng,
  c: number,
  lambda: number,
  meanHoldS: number,
  patienceS: number,
  reps: number,
  perRep: number,
  warmUp: number,
  hold: (() => number) | null = null,
): { mean: number; se: number } {
  const shares: number[] = [];
  for (let r = 0; r < reps; r++) {
    const free = new Float64Array(c);
    let t = 0;
    let timeouts = 0;
    for (let i = 0; i < warmUp + perRep; i++) {
      t += -Math.log(1 - rng.next()) / lambda;
      let j = 0;
      for (let k = 1; k < c; k++) if (free[k] < free[j]) j = k;
      const wait = Math.max(0, free[j] - t);
      if (wait > patienceS) {
        if (i >= warmUp) timeouts++;
        continue;
      }
      free[j] = t + wait + (hold === null ? -Math.log(1 - rng.next()) * meanHoldS : hold());
    }
    shares.push(timeouts / perRep);
  }
  const mean = shares.reduce((a, b) => a + b, 0) / reps;
  const sd = Math.sqrt(shares.reduce((a, b) => a + (b - mean) ** 2, 0) / (reps - 1));
  return { mean, se: sd / Math.sqrt(reps) };
}

describe('timeoutProbability (M/M/c+D)', () => {
  it('is 0 without arrivals and 1 without a connection', () => {
    expect(timeoutProbability(20, 0, 0.05, 2)).toBe(0);
    expect(timeoutProbability(0, 10, 0.05, 2)).toBe(1);
    expect(timeoutProbability(-1, 10, 0.05, 2)).toBe(1);
  });

  it.each([
    [1, 5, 2],
    [5, 3, 0.4],
    [20, 15, 1],
    [20, 30, 0.1],
    [100, 90, 4],
  ])('with zero patience is the Erlang loss formula B(c = %s, a = %s) (hold %s s)', (c, a, hold) => {
    // λ = a·μ = a/hold.
    const p = timeoutProbability(c, a / hold, hold, 0);
    expect(p).toBeCloseTo(erlangB(c, a), 12);
  });

  it.each([
    [5, 10, 0.3],
    [9.5, 10, 1],
    [10, 10, 0.5],
    [15, 10, 0.2],
    [100, 10, 0.05],
  ])('with one connection is the M/M/1+D closed form (λ = %s, μ = %s, T = %s s)', (lambda, mu, T) => {
    const p = timeoutProbability(1, lambda, 1 / mu, T);
    expect(Math.abs(p - mm1d(lambda, mu, T))).toBeLessThan(1e-12);
  });

  it('tends to the fluid limit 1 − cμ/λ under heavy overload', () => {
    // c = 20, hold 40 ms → cμ = 500/s. At λ = 5000/s the limit is 0.9; the queue's
    // correction is O(1/(λT)) = O(1/2500) here.
    expect(Math.abs(timeoutProbability(20, 5000, 0.04, 0.5) - 0.9)).toBeLessThan(1e-3);
    // Past exp(700) the formula is not evaluated: exactly the limit.
    expect(timeoutProbability(20, 5000, 0.04, 2)).toBe(0.9);
    // A big pool under a big load must not overflow (B·E would be ~1e339): limit 1 − 100/1000.
    const big = timeoutProbability(100, 1000, 1, 0.5);
    expect(Number.isFinite(big)).toBe(true);
    expect(Math.abs(big - 0.9)).toBeLessThan(0.01);
  });

  it('is a probability, decreasing in connections and increasing in load', () => {
    const hold = 0.05;
    for (const T of [0, 0.05, 0.5, 2]) {
      for (let lambda = 10; lambda <= 2000; lambda *= 1.5) {
        let prev = 1;
        for (let c = 0; c <= 40; c++) {
          const p = timeoutProbability(c, lambda, hold, T);
          expect(p).toBeGreaterThanOrEqual(0);
          expect(p).toBeLessThanOrEqual(prev + 1e-15);
          prev = p;
        }
      }
      for (const c of [1, 5, 20]) {
        let prev = 0;
        for (let lambda = 1; lambda <= 5000; lambda *= 1.25) {
          const p = timeoutProbability(c, lambda, hold, T);
          expect(p).toBeGreaterThanOrEqual(prev - 1e-15);
          prev = p;
        }
      }
    }
  });

  it.each([
    // c, λ/s, hold s, patience s: critical, moderately and heavily loaded pools.
    [2, 30, 0.05, 0.05],
    [5, 100, 0.05, 0.02],
    [20, 520, 0.04, 0.01],
    [20, 600, 0.04, 0.1],
  ])(
    'agrees with a discrete-event simulation of the queue (c = %s, λ = %s, hold = %s, T = %s)',
    (c, lambda, hold, T) => {
      const rng = createRng(c * 1000 + lambda);
      const sim = simulatePool(rng, c, lambda, hold, T, 20, 20_000, 2_000);
      const p = timeoutProbability(c, lambda, hold, T);
      // 4.5 standard errors of the replication mean (the warm-up leaves a bias far below that).
      expect(p).toBeGreaterThan(0.005);
      expect(Math.abs(sim.mean - p), `simulated ${sim.mean} ± ${sim.se}, formula ${p}`).toBeLessThan(
        4.5 * sim.se,
      );
    },
  );
});

describe('timeoutProbability with lognormal holds (the patience scaled by 2/(1 + c_s²))', () => {
  // The shipped services' latency: p50 40 ms, p99 220 ms (σ = ln(220/40)/z₀.₉₉, c_s² ≈ 0.71).
  const mu = Math.log(0.04);
  const sigma = Math.log(220 / 40) / 2.3263478740408408;
  const meanHold = Math.exp(mu + (sigma * sigma) / 2);

  it('has the lognormal squared coefficient of variation e^{σ²} − 1', () => {
    expect(lognormalCv2(sigma)).toBeCloseTo(0.7109, 4);
    expect(effectivePatienceS(2, 1)).toBe(2);
    expect(effectivePatienceS(2, 0)).toBe(4);
  });

  it.each([
    // c, load ρ = λ·hold/c, patience s: near the pool's limit, where the scaling matters.
    [1, 1, 0.5],
    [2, 0.9, 0.2],
    [3, 0.95, 0.5],
    [5, 1, 0.2],
  ])('agrees with a simulation of the pool (c = %s, ρ = %s, T = %s s)', (c, rho, T) => {
    const rng = createRng(c * 7919 + Math.round(rho * 100));
    const normal = () => Math.sqrt(-2 * Math.log(1 - rng.next())) * Math.cos(2 * Math.PI * rng.next());
    const lambda = (rho * c) / meanHold;
    const sim = simulatePool(rng, c, lambda, meanHold, T, 40, 40_000, 4_000, () =>
      Math.exp(mu + sigma * normal()),
    );
    const scaled = timeoutProbability(c, lambda, meanHold, effectivePatienceS(T, lognormalCv2(sigma)));
    const plain = timeoutProbability(c, lambda, meanHold, T);
    const detail = `simulated ${sim.mean} ± ${sim.se}, scaled ${scaled}, plain ${plain}`;
    expect(sim.mean, detail).toBeGreaterThan(0.005);
    // An approximation: within 5% (and the simulation's noise) of the simulated share…
    expect(Math.abs(scaled - sim.mean), detail).toBeLessThan(0.05 * sim.mean + 4 * sim.se);
    // …where the formula with exponential holds is more than 8% too high.
    expect(plain - sim.mean, detail).toBeGreaterThan(0.08 * sim.mean + 2 * sim.se);
  });
});

describe('expectedBusy', () => {
  it('is the offered load λ·hold, capped by the connections', () => {
    expect(expectedBusy(20, 100, 0.05)).toBe(5);
    expect(expectedBusy(4, 100, 0.05)).toBe(4);
    expect(expectedBusy(-2, 100, 0.05)).toBe(0);
  });
});
