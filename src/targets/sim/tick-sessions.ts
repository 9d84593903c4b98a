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

  /** Add `n` new sessions: kinds by the client mix, flagged at the current flag share. */
  born(n: number): void {
    const v1 = binomial(this.rng, n, this.v1Share);
    for (let kind = 0; kind < 2; kind++) {
      const count = kind === 0 ? v1 : n - v1;
      const flagged = binomial(this.rng, count, this.flag);
      this.sessions[group(kind, 1)] += flagged;
      this.sessions[group(kind, 0)] += count - flagged;
    }
  }

  /** Each session ends with probability pEnd. */
  end(pEnd: number): void {
    for (let g = 0; g < 4; g++) {
      const n = this.sessions[g];
      if (n === 0) continue;
      const ended = binomial(this.rng, n, pEnd);
      const endedAffected =
        this.affected[g] > 0 && ended > 0 ? binomial(this.rng, ended, this.affected[g] / n) : 0;
      this.sessions[g] = n - ended;
      this.affected[g] = Math.min(this.sessions[g], this.affected[g] - endedAffected);
    }
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
