import { describe, expect, it } from 'vitest';
import { reportTrial } from '../input/report-trial.js';
import { makeJournal } from '../test-support/journals.js';
import { timelineData, V1, V2 } from './timeline-data.js';

describe('timelineData', () => {
  const journal = makeJournal(
    { scenario: 's', strategy: 'canary', trials: [] },
    { trial: 0, detectedS: 150, recoveredS: 150, seconds: 300 },
  );
  const data = timelineData(journal, reportTrial(journal));

  it('spans a minute before the release to the end of the trial, in minutes since the release', () => {
    expect(data.fromMinutes).toBe(-1);
    expect(data.toMinutes).toBe(4);
  });

  it('bins traffic share, failure rate and p99 per version every 10 seconds', () => {
    const at = (series: string, t: number) =>
      data.share.find((p) => p.series === series && Math.abs(p.t - t) < 1e-3)?.value;
    // Before the release: all on v1. During the canary: half each.
    expect(at(V1, -55 / 60)).toBe(1);
    expect(at(V2, 5 / 60)).toBe(0.5);
    expect(data.errorRate.find((p) => p.series === V2)?.value).toBe(0.1);
    expect(data.p99.find((p) => p.series === V2)?.value).toBe(400);
  });

  it('marks the moments, merging those that coincide, and every measurement', () => {
    // Onset 1 s after the release: one label for both.
    expect(data.moments.map((m) => m.label)).toEqual([
      'release, fault onset',
      'detected (analysis), abort, routing on v1, recovered',
    ]);
    expect(data.moments[1].t).toBeCloseTo(1.5, 9);
    expect(data.marks.length).toBe(2);
    expect(data.marks[0]).toEqual({ t: 0.5, row: 'error-rate', phase: 'Successful' });
  });
});
