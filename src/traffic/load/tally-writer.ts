/**
 * Writes client-observed results into a journal's per-second `Tallies`, exactly as the
 * simulator's per-request engine does: per version × client kind requests and failures,
 * per version requests, server errors (5xx, including the router's own 503s) and the p99
 * latency of the second (from the same histogram buckets the simulator uses), sessions
 * active and newly affected, and the expected affected sessions at the baseline failure
 * rate. A request counts in the second it was scheduled in.
 */
import type { ClientKind, Tallies } from '../../journal/journal.js';
import { BUCKET_COUNT, bucketOf, quantileFromBuckets } from '../../targets/sim/latency.js';
import type { Role } from '../../targets/target.js';
import type { SessionUser } from './session-users.js';

export interface Outcome {
  /** Trial time the request was scheduled at, ms. */
  readonly scheduledMs: number;
  readonly role: Role;
  readonly kind: ClientKind;
  /** Latency from the scheduled time, ms. */
  readonly latencyMs: number;
  /** Failed as the client saw it: not 2xx, unparseable, timed out or no connection. */
  readonly failed: boolean;
  /** 5xx status. */
  readonly serverError: boolean;
  readonly session: SessionUser | undefined;
}

export class TallyWriter {
  /** Latency buckets per second × version. */
  private readonly buckets: Float64Array;

  /**
   * @param releaseAtMs trial time from which a session's failure makes it affected
   * @param baselineErrorRate the service's per-request failure probability (scenario errorRate)
   */
  constructor(
    readonly tallies: Tallies,
    private readonly releaseAtMs: number,
    private readonly baselineErrorRate: number,
  ) {
    this.buckets = new Float64Array(tallies.seconds * 2 * BUCKET_COUNT);
  }

  /** Second index of a trial time, or -1 when outside the tallies. */
  secondOf(trialMs: number): number {
    const s = Math.floor(trialMs / 1000);
    return s >= 0 && s < this.tallies.seconds ? s : -1;
  }

  record(o: Outcome): void {
    const sec = this.secondOf(o.scheduledMs);
    if (sec < 0) return;
    const t = this.tallies;
    const cell = t.cells[`${o.role}.${o.kind}`];
    cell.requests[sec]++;
    if (o.failed) cell.failed[sec]++;
    const version = t.versions[o.role];
    version.requests[sec]++;
    if (o.serverError) version.serverErrors[sec]++;
    const v = o.role === 'stable' ? 0 : 1;
    const offset = (sec * 2 + v) * BUCKET_COUNT;
    this.buckets[offset + bucketOf(o.latencyMs)]++;
    version.p99Ms[sec] = quantileFromBuckets(this.buckets, offset, 0.99);
    const s = o.session;
    if (s !== undefined && o.scheduledMs >= this.releaseAtMs) {
      t.sessions.expectedBaseline[sec] += this.baselineErrorRate * s.survival;
      s.survival *= 1 - this.baselineErrorRate;
      if (o.failed && !s.affected) {
        s.affected = true;
        t.sessions.newlyAffected[sec]++;
      }
    }
  }

  /** Sessions alive at the end of second `sec`. */
  activeSessions(sec: number, count: number): void {
    if (sec >= 0 && sec < this.tallies.seconds) this.tallies.sessions.active[sec] = count;
  }

  /** Mirrored copies sent during second `sec` (the router's count). */
  mirrored(sec: number, count: number): void {
    if (sec >= 0 && sec < this.tallies.seconds) this.tallies.mirrored[sec] += count;
  }
}
