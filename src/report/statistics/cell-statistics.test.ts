import { describe, expect, it } from 'vitest';
import { cellInput, detectedTrials, type TrialSpec } from '../test-support/journals.js';
import { cellStatistics } from './cell-statistics.js';

const ONSET = 61;
const never = (trial: number): TrialSpec => ({ trial, detectedS: null });

describe('cellStatistics', () => {
  it('gives Kaplan–Meier median and p90 of detection times, and the Wilson interval of the rate', () => {
    const cell = cellInput({
      scenario: 's',
      strategy: 'fast',
      trials: detectedTrials([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]),
    });
    const s = cellStatistics(cell, 7);
    expect(s.detection!.rate).toMatchObject({ successes: 10, n: 10, estimate: 1, upper: 1 });
    // Wilson 10/10: lower = 1/(1 + z²/10) = 0.7224644…
    expect(s.detection!.rate.lower).toBeCloseTo(0.722464, 5);
    // 1 − S reaches ½ at 50 s and stays there until 60 s: R's survfit prints the middle.
    expect(s.detection!.time.median.estimate).toBe(55_000);
    expect(s.detection!.time.p90.estimate).toBe(95_000);
    expect(s.detection!.time.censored).toBe(0);
  });

  it('keeps undetected trials as censored: the median is the Kaplan–Meier one, not that of the detected', () => {
    const trials = [...detectedTrials([10, 20, 30, 40, 50, 60]), never(6), never(7), never(8), never(9)];
    const s = cellStatistics(cellInput({ scenario: 's', strategy: 'mixed', trials }), 7);
    const t = s.detection!.time;
    expect(t).toMatchObject({ n: 10, events: 6, censored: 4 });
    // Detected ones alone: median 35 s. With the four never detected kept at risk, S(50 s) = ½.
    expect(t.median.estimate).toBe(55_000);
    expect(t.p90.estimate).toBeNull();
    expect(s.detection!.rate).toMatchObject({ successes: 6, n: 10 });
  });

  it('leaves the median undefined when fewer than half detected, and gives P(detected by the end) and the restricted mean', () => {
    const trials = [...detectedTrials([30, 60, 90]), ...[3, 4, 5, 6, 7, 8, 9].map(never)];
    const s = cellStatistics(cellInput({ scenario: 's', strategy: 'slow', trials }), 7);
    const t = s.detection!.time;
    expect(t.median).toEqual({ estimate: null, lower: expect.any(Number), upper: null });
    // Undetected trials are watched from onset (61 s) to the end (600 s).
    expect(t.horizonMs).toBe((600 - ONSET) * 1000);
    expect(t.byEnd.estimate).toBeCloseTo(0.3, 12);
    // ∫S: 30 s at 1, 30 s at 0.9, 30 s at 0.8, then 0.7 until 539 s.
    expect(t.restrictedMean.estimate).toBeCloseTo(30_000 + 27_000 + 24_000 + 0.7 * 449_000, 6);
    expect(s.detection!.rate.estimate).toBeCloseTo(0.3, 12);
  });

  it('censors a rollback that never got users back to normal at the end of the trial', () => {
    const trials: TrialSpec[] = [
      { trial: 0, detectedS: 100, recoveredS: 110 },
      { trial: 1, detectedS: 100, recoveredS: 120 },
      { trial: 2, detectedS: 100, recoveredS: null },
      { trial: 3, detectedS: null },
    ];
    const s = cellStatistics(cellInput({ scenario: 's', strategy: 'x', trials }), 7);
    expect(s.rollback!.recovered).toMatchObject({ successes: 2, n: 3 });
    const r = s.rollback!.time!;
    expect(r).toMatchObject({ n: 3, events: 2, censored: 1, horizonMs: 500_000 });
    expect(r.median.estimate).toBe(20_000);
    expect(s.recovery).toMatchObject({ n: 4, events: 2 });
    expect(s.controlPlane.n).toBe(2);
  });

  it('counts escapes, and false rollbacks only in control scenarios', () => {
    const fault = cellStatistics(
      cellInput({
        scenario: 's',
        strategy: 'x',
        trials: [
          { trial: 0, promotedS: 120 },
          { trial: 1, detectedS: 100, recoveredS: 110 },
        ],
      }),
      7,
    );
    expect(fault.escapes).toMatchObject({ successes: 1, n: 2 });
    expect(fault.falseRollbacks).toBeNull();
    const control = cellStatistics(
      cellInput({
        scenario: 'c',
        strategy: 'x',
        faultType: 'none',
        trials: [
          { trial: 0, failRate: 0 },
          { trial: 1, detectedS: 100, recoveredS: 110, failRate: 0 },
          { trial: 2, failRate: 0 },
        ],
      }),
      7,
    );
    expect(control.detection).toBeNull();
    expect(control.escapes).toBeNull();
    expect(control.falseRollbacks).toMatchObject({ successes: 1, n: 3 });
    expect(control.falseRollbacks!.zeroEventUpper).toBeNull();
  });

  it('gives the one-sided bound when there were no events, and bootstrap intervals for the blast radius', () => {
    const s = cellStatistics(
      cellInput({
        scenario: 'c',
        strategy: 'x',
        faultType: 'none',
        trials: [0, 1, 2, 3, 4].map((trial) => ({ trial })),
      }),
      7,
    );
    // 1 − 0.05^(1/5)
    expect(s.falseRollbacks!.zeroEventUpper).toBeCloseTo(0.4507197, 6);
    const failed = s.blastRadius.failedRequests;
    expect(failed.n).toBe(5);
    expect(failed.mean.estimate).toBe(failed.median.estimate);
    expect(failed.mean.lower).toBe(failed.mean.estimate);
  });

  it('draws the same bootstrap intervals for the same seed and others for another', () => {
    const trials = detectedTrials([10, 20, 30, 40, 50, 60, 70, 80, 90, 100]).map((t, i) => ({
      ...t,
      failRate: 0.01 * (i + 1),
    }));
    const cell = cellInput({ scenario: 's', strategy: 'x', trials });
    const a = cellStatistics(cell, 7).blastRadius.failedRequests.mean;
    expect(cellStatistics(cell, 7).blastRadius.failedRequests.mean).toEqual(a);
    expect(cellStatistics(cell, 8).blastRadius.failedRequests.mean).not.toEqual(a);
  });
});
