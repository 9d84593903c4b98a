import { describe, expect, it } from 'vitest';
import { createRng } from '../../stats/rng.js';
import { rateAt } from '../rate-profile.js';
import { ArrivalSchedule } from './arrivals.js';
import { loadTrafficProfile } from './test-support/profiles.js';

function all(schedule: ArrivalSchedule): number[] {
  const out: number[] = [];
  for (let t = schedule.next(); t !== null; t = schedule.next()) out.push(t);
  return out;
}

describe('ArrivalSchedule', () => {
  it('spaces constant arrivals exactly 1000/rate ms apart', () => {
    const times = all(new ArrivalSchedule(() => 200, 'constant', createRng(1), 2_000, 1_000_000));
    expect(times).toHaveLength(400);
    for (const [i, t] of times.entries()) expect(t).toBeCloseTo(i * 5, 9);
  });

  it('draws Poisson arrivals: the count within a tolerance, gaps exponential', () => {
    const rate = 500;
    const seconds = 20;
    const times = all(new ArrivalSchedule(() => rate, 'poisson', createRng(2), seconds * 1000, 1_000_000));
    const mean = rate * seconds;
    expect(Math.abs(times.length - mean)).toBeLessThan(4.42 * Math.sqrt(mean));
    // Exponential gaps: the coefficient of variation is 1 (constant spacing would give 0).
    const gaps = times.slice(1).map((t, i) => t - times[i]);
    const m = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    const sd = Math.sqrt(gaps.reduce((a, b) => a + (b - m) ** 2, 0) / gaps.length);
    expect(sd / m).toBeGreaterThan(0.95);
    expect(sd / m).toBeLessThan(1.05);
    expect(times.every((t, i) => i === 0 || t >= times[i - 1])).toBe(true);
  });

  it('is the same for the same seed', () => {
    const a = all(new ArrivalSchedule(() => 50, 'poisson', createRng(9), 3_000, 1_000));
    const b = all(new ArrivalSchedule(() => 50, 'poisson', createRng(9), 3_000, 1_000));
    expect(b).toEqual(a);
  });

  it('follows a ramp second by second (the spike profile from fixtures/traffic)', () => {
    const profile = loadTrafficProfile('spike.json');
    // From 20m to 20m30s the spike ramps 150 → 600 rps; take those 30 seconds.
    const offset = 20 * 60_000;
    const schedule = new ArrivalSchedule(
      (s) => rateAt(profile, offset + s * 1000 + 500),
      'constant',
      createRng(1),
      30_000,
      1_000_000,
    );
    const times = all(schedule);
    const perSecond = new Array<number>(30).fill(0);
    for (const t of times) perSecond[Math.floor(t / 1000)]++;
    for (let s = 0; s < 30; s++) {
      expect(Math.abs(perSecond[s] - rateAt(profile, offset + s * 1000 + 500))).toBeLessThanOrEqual(1);
    }
    expect(perSecond[29]).toBeGreaterThan(3 * perSecond[0]);
  });

  it('skips seconds without traffic and stops at durationMs or maxRequests', () => {
    const rates = [10, 0, 0, 4];
    const times = all(new ArrivalSchedule((s) => rates[s] ?? 0, 'constant', createRng(1), 4_000, 1_000));
    expect(times.filter((t) => t >= 1000 && t < 3000)).toEqual([]);
    expect(times.filter((t) => t >= 3000)).toEqual([3000, 3250, 3500, 3750]);
    expect(all(new ArrivalSchedule(() => 1000, 'poisson', createRng(1), 60_000, 17))).toHaveLength(17);
    expect(all(new ArrivalSchedule(() => 1000, 'constant', createRng(1), 10, 1_000))).toHaveLength(10);
  });
});
