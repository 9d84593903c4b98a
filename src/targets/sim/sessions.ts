/**
 * Logged-in users of the per-request fidelity, as parallel typed arrays (no object per
 * session). A session lives an exponential time, makes requests at random (each session
 * request picks a live session uniformly, which gives each one a Poisson stream), may be
 * pinned to a pod by affinity, and remembers whether it has seen a failure since the
 * release started.
 */
import type { Millis } from '../../scenario/model.js';
import type { Rng } from '../../stats/rng.js';

export class SessionPool {
  count = 0;
  endAt = new Float64Array(1024);
  /** Pod index the session is pinned to (its in-memory session lives there); -1 = none. */
  pod = new Int32Array(1024);
  /** 0 = v1-shape client, 1 = v2-shape client. */
  kind = new Uint8Array(1024);
  /** Fixed per user: the flag is on for them when flagBucket < flag percent. */
  flagBucket = new Float64Array(1024);
  affected = new Uint8Array(1024);
  /** (1 − baseline error rate)^(requests since release): for the expected-affected sum. */
  survival = new Float64Array(1024);

  add(rng: Rng, now: Millis, meanLengthMs: number, v1Share: number): number {
    if (this.count === this.endAt.length) this.grow();
    const i = this.count++;
    this.endAt[i] = now - Math.log(1 - rng.next()) * meanLengthMs;
    this.pod[i] = -1;
    this.kind[i] = rng.next() < v1Share ? 0 : 1;
    this.flagBucket[i] = rng.next() * 100;
    this.affected[i] = 0;
    this.survival[i] = 1;
    return i;
  }

  /** A live session chosen uniformly, or -1 when there is none; drops expired ones met on the way. */
  pick(rng: Rng, now: Millis): number {
    while (this.count > 0) {
      const i = Math.floor(rng.next() * this.count);
      if (this.endAt[i] > now) return i;
      this.remove(i);
    }
    return -1;
  }

  /** Remove every session that ended by `now`. */
  sweep(now: Millis): void {
    for (let i = this.count - 1; i >= 0; i--) if (this.endAt[i] <= now) this.remove(i);
  }

  private remove(i: number): void {
    const last = --this.count;
    if (i !== last) {
      this.endAt[i] = this.endAt[last];
      this.pod[i] = this.pod[last];
      this.kind[i] = this.kind[last];
      this.flagBucket[i] = this.flagBucket[last];
      this.affected[i] = this.affected[last];
      this.survival[i] = this.survival[last];
    }
  }

  private grow(): void {
    const n = this.endAt.length * 2;
    const f64 = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.endAt = f64(this.endAt);
    this.flagBucket = f64(this.flagBucket);
    this.survival = f64(this.survival);
    const pod = new Int32Array(n);
    pod.set(this.pod);
    this.pod = pod;
    const kind = new Uint8Array(n);
    kind.set(this.kind);
    this.kind = kind;
    const affected = new Uint8Array(n);
    affected.set(this.affected);
    this.affected = affected;
  }
}
