import { describe, expect, it } from 'vitest';
import { emptyTallies } from '../../journal/journal.js';
import {
  cellFailed,
  cellRequests,
  EXPECTED_BASELINE,
  MIRRORED,
  NEWLY_AFFECTED,
  SecondTallies,
  versionRequests,
  versionServerErrors,
} from './second-tallies.js';

describe('SecondTallies', () => {
  it('writes each slot into its own per-second array', () => {
    const tallies = emptyTallies(4);
    const second = new SecondTallies(tallies);
    const slots = [
      versionRequests(0),
      versionServerErrors(0),
      versionRequests(1),
      versionServerErrors(1),
      ...[0, 1, 2, 3].flatMap((c) => [cellRequests(c), cellFailed(c)]),
      MIRRORED,
      EXPECTED_BASELINE,
      NEWLY_AFFECTED,
    ];
    expect(new Set(slots).size).toBe(slots.length);
    slots.forEach((slot, i) => {
      second.sums[slot] = i + 1;
    });
    second.close(2);
    const c = tallies.cells;
    const written = [
      tallies.versions.stable.requests,
      tallies.versions.stable.serverErrors,
      tallies.versions.canary.requests,
      tallies.versions.canary.serverErrors,
      c['stable.v1Shape'].requests,
      c['stable.v1Shape'].failed,
      c['stable.v2Shape'].requests,
      c['stable.v2Shape'].failed,
      c['canary.v1Shape'].requests,
      c['canary.v1Shape'].failed,
      c['canary.v2Shape'].requests,
      c['canary.v2Shape'].failed,
      tallies.mirrored,
      tallies.sessions.expectedBaseline,
      tallies.sessions.newlyAffected,
    ].map((a) => Array.from(a));
    written.forEach((a, i) => {
      expect(a).toEqual([0, 0, i + 1, 0]);
    });
  });

  it('keeps the second current on every write and starts the next one at zero', () => {
    const tallies = emptyTallies(3);
    const second = new SecondTallies(tallies);
    second.sums[versionRequests(0)] += 5;
    second.write(0);
    expect(tallies.versions.stable.requests[0]).toBe(5);
    second.sums[versionRequests(0)] += 2;
    second.sums[EXPECTED_BASELINE] += 0.25;
    second.close(0);
    expect(tallies.versions.stable.requests[0]).toBe(7);
    expect(tallies.sessions.expectedBaseline[0]).toBe(0.25);
    second.sums[versionRequests(0)] += 1;
    second.close(1);
    expect(Array.from(tallies.versions.stable.requests)).toEqual([7, 1, 0]);
    expect(Array.from(tallies.sessions.expectedBaseline)).toEqual([0.25, 0, 0]);
  });
});
