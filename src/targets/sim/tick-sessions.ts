/**
 * Logged-in users of the per-tick fidelity when nothing pins them to a pod: counts in four
 * groups — client kind (v1-shape, v2-shape) × feature flag (on, off for them) — with how
 * many of each have already seen a failure since the release started.
 *
 * Groups matter because harm is not spread evenly: a v1-shape client fails where a v2-shape
 * one does not (API contract), and a feature flag is on for the same users all along (a
 * user's flag bucket is fixed), so a flagged fault hurts the same few users again and
 * again. Moving the flag from f₁ to f₂ > f₁ turns it on for a share (f₂ − f₁)/(1 − f₁) of
 * the users it was off for (their buckets are uniform above f₁), and back off for a share
 * (f₁ − f₂)/f₁ of the flagged ones when it goes down — exact in distribution.
 *
 * Sessions end as in the per-request fidelity: each lives an exponential time, so n live
 * sessions end at rate n / mean length. {@link Endings} draws those endings one at a time
 * (a few a second where a binomial per group and tick cost more), each taking a session
 * chosen uniformly: its group, and whether it had been hurt, by their shares.
 */
import type { Rng } from '../../stats/rng.js';
import { binomial } from './draws.js';

/** Failures of one code path in one tick, for the users' failure probabilities. */
export interface PathFailures {
  requests: number;
  /** Failures any request can have. */
  shared: number;
  /** Failures only v1-shape clients have (parse errors, 422). */
  v1Only: number;
  /** Failures only session requests have (a sessions-cohort fault). */
  sessionsOnly: number;
}

export function emptyPathFailures(): PathFailures {
  return { requests: 0, shared: 0, v1Only: 0, sessionsOnly: 0 };
}

const group = (kind: number, flagged: number) => kind * 2 + flagged;

/** Whether the session that ends, one of n of which `affected` were hurt, is a hurt one. */
export function endsHurt(rng: Rng, n: number, affected: number): boolean {
  return affected > 0 && rng.next() * n < affected;
}

/** An exponential variate of rate 1. */
function unitExponential(rng: Rng): number {
  return -Math.log(1 - rng.next());
}

/**
 * The endings of sessions that each end at a constant hazard (an exponential lifetime),
 * drawn one at a time: with n live, the next ending comes after a unit exponential's worth
 * of n × hazard. What is left of that variate at the end of a tick carries over (the
 * process is memoryless), so each tick costs one comparison plus a few operations per ending.
 */
export class Endings {
  /** The unit exponential left until the next ending (drawn at the first tick with sessions). */
  private budget = Number.NaN;
  /** Live sessions and each one's hazard left in the current tick. */
  private n = 0;
  private hazard = 0;

  constructor(private readonly rng: Rng) {}

  /** A tick in which each of n live sessions has hazard `hazard` (tick length / mean length). */
  begin(n: number, hazard: number): void {
    this.n = n;
    this.hazard = hazard;
  }

  /** Whether one more session ends in this tick (the caller removes one); false once none does. */
  another(): boolean {
    const n = this.n;
    if (n <= 0 || this.hazard <= 0) return false;
    if (Number.isNaN(this.budget)) this.budget = unitExponential(this.rng);
    if (this.budget > n * this.hazard) {
      this.budget -= n * this.hazard;
      this.hazard = 0;
      return false;
    }
    this.hazard -= this.budget / n;
    this.n = n - 1;
    this.budget = unitExponential(this.rng);
    return true;
  }
}

export class SessionGroups {
  /** Sessions per group, index kind·2 + flagged. */
  readonly sessions = [0, 0, 0, 0];
  readonly affected = [0, 0, 0, 0];
  private flag = 0;

  constructor(
    private readonly rng: Rng,
    private readonly v1Share: number,
    private readonly sessionShare: number,
  ) {}

  get total(): number {
    return this.sessions[0] + this.sessions[1] + this.sessions[2] + this.sessions[3];
  }

  /** Add `n` new sessions: kinds by the client mix, flagged at the current flag share (a uniform or two each). */
  born(n: number): void {
    const rng = this.rng;
    for (let i = 0; i < n; i++) {
      const kind = rng.next() < this.v1Share ? 0 : 1;
      const flagged = this.flag > 0 && rng.next() < this.flag ? 1 : 0;
      this.sessions[group(kind, flagged)]++;
    }
  }

  /** The sessions ending in a tick of `hazard` (tick length / mean length), drawn by `endings`. */
  end(endings: Endings, hazard: number): void {
    endings.begin(this.total, hazard);
    while (endings.another()) this.endOne();
  }

  /** One session chosen uniformly ends: its group by the groups' sizes, hurt or not by its group's share. */
  private endOne(): void {
    let x = this.rng.next() * this.total;
    let g = 0;
    while (g < 3 && x >= this.sessions[g]) x -= this.sessions[g++];
    // Rounding can leave x past the last group with sessions: take that one.
    while (this.sessions[g] === 0) g--;
    if (endsHurt(this.rng, this.sessions[g], this.affected[g])) this.affected[g]--;
    this.sessions[g]--;
  }

  /** The flag moved to `share` (0–1): users cross between the flagged and unflagged groups. */
  setFlag(share: number): void {
    const from = this.flag;
    if (share === from) return;
    for (let kind = 0; kind < 2; kind++) {
      const [source, target, p] =
        share > from
          ? [group(kind, 0), group(kind, 1), from < 1 ? (share - from) / (1 - from) : 0]
          : [group(kind, 1), group(kind, 0), from > 0 ? (from - share) / from : 0];
      const n = this.sessions[source];
      const moved = binomial(this.rng, n, p);
      const movedAffected =
        this.affected[source] > 0 && moved > 0 ? binomial(this.rng, moved, this.affected[source] / n) : 0;
      this.sessions[source] -= moved;
      this.affected[source] -= movedAffected;
      this.sessions[target] += moved;
      this.affected[target] += movedAffected;
    }
    this.flag = share;
  }

  /**
   * Users seeing their first failure over a tick of `requestsPerUser` expected requests
   * each. `paths[v]` are the tick's failures on code path v; `unflaggedV2` is the share of
   * unflagged users' requests that reached v2 pods (the rest ran v1). Returns how many.
   */
  harm(requestsPerUser: number, paths: readonly PathFailures[], unflaggedV2: number): number {
    let newly = 0;
    for (let kind = 0; kind < 2; kind++) {
      const p0 = this.failureProbability(paths[0], kind);
      const p1 = this.failureProbability(paths[1], kind);
      for (let flagged = 0; flagged < 2; flagged++) {
        const g = group(kind, flagged);
        const unaffected = this.sessions[g] - this.affected[g];
        const p = flagged === 1 ? p1 : (1 - unflaggedV2) * p0 + unflaggedV2 * p1;
        if (unaffected <= 0 || p <= 0) continue;
        const x = binomial(this.rng, unaffected, 1 - Math.exp(-requestsPerUser * Math.min(1, p)));
        this.affected[g] += x;
        newly += x;
      }
    }
    return newly;
  }

  private failureProbability(path: PathFailures, kind: number): number {
    if (path.requests === 0) return 0;
    let p = path.shared / path.requests;
    if (kind === 0 && this.v1Share > 0) p += path.v1Only / (path.requests * this.v1Share);
    if (this.sessionShare > 0) p += path.sessionsOnly / (path.requests * this.sessionShare);
    return p;
  }
}
