import { describe, expect, it } from 'vitest';
import { createRng } from '../../stats/rng.js';
import { Endings, SessionGroups } from './tick-sessions.js';

/** Mean and variance of xs. */
function moments(xs: readonly number[]): { mean: number; variance: number } {
  const mean = xs.reduce((a, x) => a + x, 0) / xs.length;
  const variance = xs.reduce((a, x) => a + (x - mean) ** 2, 0) / (xs.length - 1);
  return { mean, variance };
}

/** How many of n sessions end over `ticks` ticks of `hazard` each (no births). */
function ended(endings: Endings, n: number, hazard: number, ticks: number): number {
  let live = n;
  for (let k = 0; k < ticks; k++) {
    endings.begin(live, hazard);
    while (endings.another()) live--;
  }
  return n - live;
}

describe('Endings: exponential lifetimes, one ending at a time', () => {
  // Each of n sessions ends within hazard h with probability 1 − e^−h, independently:
  // the count is Binomial(n, 1 − e^−h).
  const n = 500;
  const h = 1 / 300;
  const p = 1 - Math.exp(-h);
  const draws = 4000;

  it('ends Binomial(n, 1 − e^−h) sessions in a tick of hazard h', () => {
    const endings = new Endings(createRng(11));
    const counts = Array.from({ length: draws }, () => ended(endings, n, h, 1));
    const { mean, variance } = moments(counts);
    // Standard errors: √(np(1−p)/draws) ≈ 0.02 for the mean; the variance's ≈ 4% of it.
    expect(mean).toBeCloseTo(n * p, 1);
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.88);
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.12);
  });

  it('carries what is left of a tick over: ten ticks of h/10 end as many as one of h', () => {
    const endings = new Endings(createRng(12));
    const counts = Array.from({ length: draws }, () => ended(endings, n, h / 10, 10));
    const { mean, variance } = moments(counts);
    expect(mean).toBeCloseTo(n * p, 1);
    expect(variance / (n * p * (1 - p))).toBeGreaterThan(0.88);
    expect(variance / (n * p * (1 - p))).toBeLessThan(1.12);
  });

  it('ends nobody when there is no one or no time', () => {
    const endings = new Endings(createRng(13));
    endings.begin(0, 1);
    expect(endings.another()).toBe(false);
    endings.begin(10, 0);
    expect(endings.another()).toBe(false);
    // Every one of them, given long enough.
    expect(ended(endings, 10, 1000, 1)).toBe(10);
  });
});

describe('SessionGroups: births and endings', () => {
  it('gives newborn sessions their kind by the client mix', () => {
    const groups = new SessionGroups(createRng(21), 0.7, 0.4);
    groups.born(20_000);
    const v1 = groups.sessions[0] + groups.sessions[1];
    // Binomial(20000, 0.7): standard error 65.
    expect(Math.abs(v1 - 14_000)).toBeLessThan(260);
    expect(groups.total).toBe(20_000);
    expect(groups.sessions[1] + groups.sessions[3]).toBe(0);
  });

  it('flags newborns at the current flag share', () => {
    const groups = new SessionGroups(createRng(22), 0.5, 0.4);
    groups.setFlag(0.25);
    groups.born(20_000);
    const flagged = groups.sessions[1] + groups.sessions[3];
    expect(Math.abs(flagged - 5_000)).toBeLessThan(250);
  });

  it('ends sessions of each group and hurt ones in proportion', () => {
    const rng = createRng(23);
    const groups = new SessionGroups(rng, 0.7, 0.4);
    const endings = new Endings(rng);
    let endedV1 = 0;
    let endedAll = 0;
    let endedHurt = 0;
    for (let trial = 0; trial < 300; trial++) {
      groups.sessions.fill(0);
      groups.affected.fill(0);
      groups.sessions[0] = 700;
      groups.sessions[2] = 300;
      groups.affected[0] = 350;
      groups.end(endings, 0.1);
      const gone0 = 700 - groups.sessions[0];
      endedV1 += gone0;
      endedAll += gone0 + (300 - groups.sessions[2]);
      endedHurt += 350 - groups.affected[0];
      expect(groups.affected[0]).toBeLessThanOrEqual(groups.sessions[0]);
    }
    // About 95 of 1000 end per tick (1 − e^−0.1): ~28,500 in all.
    expect(endedAll / 300).toBeGreaterThan(90);
    expect(endedAll / 300).toBeLessThan(100);
    expect(endedV1 / endedAll).toBeCloseTo(0.7, 1);
    // Half of group 0 was hurt: half of its endings are of hurt sessions.
    expect(endedHurt / endedV1).toBeCloseTo(0.5, 1);
  });
});
