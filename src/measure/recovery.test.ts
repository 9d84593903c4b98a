import { describe, expect, it } from 'vitest';
import { emptyTallies, type Tallies } from '../journal/journal.js';
import { RECOVERY_WINDOW_S, recoveryTime, STABLE_SHARE, withinBaselineBand } from './recovery.js';

/**
 * Tallies of `seconds` seconds at 100 requests/s, all from v2-shape clients: `canary(s)`
 * of them on the canary, `failed(s)` failures (on stable).
 */
function tallies(
  seconds: number,
  canary: (s: number) => number,
  failed: (s: number) => number,
  rate = (_s: number) => 100,
): Tallies {
  const t = emptyTallies(seconds);
  for (let s = 0; s < seconds; s++) {
    const c = canary(s);
    t.cells['stable.v2Shape'].requests[s] = rate(s) - c;
    t.cells['canary.v2Shape'].requests[s] = c;
    t.cells['stable.v2Shape'].failed[s] = failed(s);
  }
  return t;
}

describe('withinBaselineBand', () => {
  it('allows n·p + 3·√(n·p·(1−p)) + 1 failures', () => {
    // n = 3000, p = 0.001: 3 + 3·√2.997 + 1 = 9.19.
    expect(withinBaselineBand(9, 3000, 0.001)).toBe(true);
    expect(withinBaselineBand(10, 3000, 0.001)).toBe(false);
    // p = 0: one stray failure is tolerated, two are not.
    expect(withinBaselineBand(1, 3000, 0)).toBe(true);
    expect(withinBaselineBand(2, 3000, 0)).toBe(false);
  });
});

describe('recoveryTime', () => {
  it('is the start of the first 30 s window from the detection with ≥ 99% on stable and failures in the band', () => {
    // Canary at 10% until 250 s; 20 failures/s until 260 s. Detected at 200.3 s: windows
    // start at 201 s; the first good one starts at 260 s.
    const t = tallies(
      400,
      (s) => (s < 250 ? 10 : 0),
      (s) => (s < 260 ? 20 : 0),
    );
    expect(recoveryTime(t, 0.001, 200_300, 400_000)).toBe(260_000);
    expect(RECOVERY_WINDOW_S).toBe(30);
    // Detected after the recovery began: counted from the detection's next second.
    expect(recoveryTime(t, 0.001, 300_000, 400_000)).toBe(300_000);
    expect(recoveryTime(t, 0.001, 299_001, 400_000)).toBe(300_000);
  });

  it('needs at least 99% of a window’s requests on stable', () => {
    // Exactly 1% on the canary passes (share ≥ 0.99); 2 in 100 does not.
    expect(STABLE_SHARE).toBe(0.99);
    expect(
      recoveryTime(
        tallies(
          100,
          () => 1,
          () => 0,
        ),
        0.001,
        0,
        100_000,
      ),
    ).toBe(0);
    expect(
      recoveryTime(
        tallies(
          100,
          () => 2,
          () => 0,
        ),
        0.001,
        0,
        100_000,
      ),
    ).toBeNull();
    // Half the seconds at 2%: a window mixing them averages 1.5% — still not.
    expect(
      recoveryTime(
        tallies(
          100,
          (s) => (s % 2 ? 2 : 1),
          () => 0,
        ),
        0.001,
        0,
        100_000,
      ),
    ).toBeNull();
  });

  it('needs the window’s failures inside the baseline band', () => {
    // 3000 requests a window at p = 0.001: at most 9 failures.
    const nine = tallies(
      100,
      () => 0,
      (s) => (s % 10 === 3 ? 3 : 0),
    ); // 9 per 30 s window
    expect(recoveryTime(nine, 0.001, 0, 100_000)).toBe(0);
    const ten = tallies(
      100,
      () => 0,
      (s) => (s % 3 === 0 ? 1 : 0),
    ); // 10 per window
    expect(recoveryTime(ten, 0.001, 0, 100_000)).toBeNull();
  });

  it('needs the whole window inside the observed time (whole seconds before the end)', () => {
    const t = tallies(
      400,
      () => 0,
      (s) => (s < 260 ? 20 : 0),
    );
    // Window [260, 290) needs the end at ≥ 290 s.
    expect(recoveryTime(t, 0.001, 200_000, 290_000)).toBe(260_000);
    expect(recoveryTime(t, 0.001, 200_000, 289_999)).toBeNull();
    // Or the tallies to cover it.
    expect(
      recoveryTime(
        tallies(
          289,
          () => 0,
          (s) => (s < 260 ? 20 : 0),
        ),
        0.001,
        200_000,
        400_000,
      ),
    ).toBeNull();
    // A detection too close to the end: no window at all.
    expect(recoveryTime(t, 0.001, 390_000, 400_000)).toBeNull();
  });

  it('never recovers without traffic', () => {
    const t = tallies(
      200,
      () => 0,
      () => 0,
      () => 0,
    );
    expect(recoveryTime(t, 0.001, 0, 200_000)).toBeNull();
  });
});
