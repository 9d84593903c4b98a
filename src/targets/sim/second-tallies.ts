/**
 * The current second's counts of the per-tick engine, added up in a small array and
 * written into the journal's per-second tallies as a whole: at the end of each advance of
 * the world (so the tallies are current whenever the world is) and when the second closes.
 *
 * Why: each tally is a long array (one number a second), and the current second's slot of
 * each lies in a cache line the trial has not touched for a long while. Adding to it in
 * place (`requests[sec] += n`, a dozen arrays, twice a tick) must read that line first:
 * ~5% of a benchmark trial, measured by sending those adds to a small array instead. A
 * plain store does not wait for the line. The sums are added in the same order as before,
 * so the tallies are the same numbers.
 */
import type { PerSecond, Tallies } from '../../journal/journal.js';

/** Slots of the sums: version v's requests and server errors, then each cell's requests and failures, then the rest. */
export const versionRequests = (v: number): number => 2 * v;
export const versionServerErrors = (v: number): number => 2 * v + 1;
/** Cell c: version × client kind, in the order stable.v1Shape, stable.v2Shape, canary.v1Shape, canary.v2Shape. */
export const cellRequests = (c: number): number => 4 + 2 * c;
export const cellFailed = (c: number): number => 5 + 2 * c;
export const MIRRORED = 12;
export const EXPECTED_BASELINE = 13;
export const NEWLY_AFFECTED = 14;
const SLOTS = 15;

export class SecondTallies {
  /** This second's sums so far, by slot (see above). */
  readonly sums = new Float64Array(SLOTS);
  /** The journal's arrays, by slot. */
  private readonly targets: readonly PerSecond[];

  constructor(tallies: Tallies) {
    const { versions, cells, sessions } = tallies;
    this.targets = [
      versions.stable.requests,
      versions.stable.serverErrors,
      versions.canary.requests,
      versions.canary.serverErrors,
      cells['stable.v1Shape'].requests,
      cells['stable.v1Shape'].failed,
      cells['stable.v2Shape'].requests,
      cells['stable.v2Shape'].failed,
      cells['canary.v1Shape'].requests,
      cells['canary.v1Shape'].failed,
      cells['canary.v2Shape'].requests,
      cells['canary.v2Shape'].failed,
      tallies.mirrored,
      sessions.expectedBaseline,
      sessions.newlyAffected,
    ];
  }

  /** Writes the sums so far into second `sec` of the tallies (which nothing else writes). */
  write(sec: number): void {
    const sums = this.sums;
    for (let k = 0; k < SLOTS; k++) if (sums[k] !== 0) this.targets[k][sec] = sums[k];
  }

  /** Writes the second's sums and starts the next second at zero. */
  close(sec: number): void {
    this.write(sec);
    const sums = this.sums;
    for (let k = 0; k < SLOTS; k++) sums[k] = 0;
  }
}
