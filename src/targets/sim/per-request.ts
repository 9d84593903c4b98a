/**
 * Per-request fidelity: every arrival is simulated. Poisson arrivals (rate constant
 * within each second), the client mix, sessions and affinity, the router, each pod's
 * connection pool as an FCFS multi-server queue with timeouts, the release's fault, and
 * what the client observed. Exact, and the yardstick the per-tick fidelity is tested
 * against.
 */
import type { Millis } from '../../scenario/model.js';
import { categorical } from './draws.js';
import { BUCKET_COUNT, bucketOf, quantileFromBuckets } from './latency.js';
import type { Pod } from './pod.js';
import { apiMismatchEffect } from './release.js';
import { SessionPool } from './sessions.js';
import { S200, S401, S422, S500, S503 } from './statuses.js';
import type { SimWorld, TrafficEngine } from './world.js';

const API_NONE = 0;
const API_PARSE = 1;
const API_REJECT = 2;

export class PerRequestEngine implements TrafficEngine {
  private readonly sessions = new SessionPool();
  private readonly sessionShare: number;
  private readonly sessionRate: number;
  private readonly v1Share: number;
  private readonly dbRoute: Uint8Array;
  private readonly apiEffect: Uint8Array;
  private readonly serverError: Uint8Array;
  private readonly mu: number;
  private readonly sigma: number;
  private readonly baseErrorRate: number;
  private readonly acquireTimeoutMs: number;
  private readonly affinity: boolean;
  /** Client-observed latency buckets of the current second, per version. */
  private readonly secondBuckets = new Float64Array(2 * BUCKET_COUNT);
  private second = -1;

  constructor(private readonly world: SimWorld) {
    const { scenario } = world;
    const sessions = scenario.traffic.sessions;
    this.sessionShare = sessions?.share ?? 0;
    this.sessionRate = sessions ? sessions.requestsPerMinute / 60 : 0;
    this.v1Share = scenario.traffic.clients.v1Shape;
    this.dbRoute = Uint8Array.from(world.routes.map((r) => (r.db ? 1 : 0)));
    const api = world.release.apiMismatch;
    this.apiEffect = Uint8Array.from(
      world.routes.map((r) => {
        if (!api) return API_NONE;
        const effect = apiMismatchEffect(r, api.rejectOldRequests);
        return effect === 'parse' ? API_PARSE : effect === 'reject' ? API_REJECT : API_NONE;
      }),
    );
    this.serverError = Uint8Array.from(world.statuses.codes.map((c) => (c.startsWith('5') ? 1 : 0)));
    this.mu = world.latency.mu;
    this.sigma = world.latency.sigma;
    this.baseErrorRate = scenario.service.errorRate;
    this.acquireTimeoutMs = scenario.service.pool.acquireTimeoutMs;
    this.affinity = scenario.affinity !== 'none';
    // Sessions already going when the trial starts: the steady-state population.
    if (sessions && this.sessionRate > 0) {
      const initial = Math.round((this.sessionShare * world.rates[0]) / this.sessionRate);
      for (let i = 0; i < initial; i++) this.sessions.add(world.rng, 0, sessions.meanLengthMs, this.v1Share);
    }
    this.topologyChanged(0);
  }

  advance(from: Millis, to: Millis): void {
    const rng = this.world.rng;
    const rates = this.world.rates;
    let t = from;
    while (t < to) {
      const sec = Math.floor(t / 1000);
      if (sec !== this.second) this.startSecond(sec);
      const end = Math.min(to, (sec + 1) * 1000);
      const perMs = (sec < rates.length ? rates[sec] : rates[rates.length - 1]) / 1000;
      if (perMs > 0) {
        // Exponential gaps; the residual at `end` is discarded (memoryless), so a rate or
        // routing change at `end` applies to the next arrival exactly.
        let a = t - Math.log(1 - rng.next()) / perMs;
        while (a < end) {
          this.handle(a, sec);
          a -= Math.log(1 - rng.next()) / perMs;
        }
      }
      t = end;
    }
  }

  inUse(pod: Pod, t: Millis): number {
    let n = 0;
    for (let j = 0; j < pod.free.length; j++) if (pod.free[j] > t) n++;
    return n;
  }

  beforeScrape(_t: Millis): void {
    // Counters are updated per request.
  }

  topologyChanged(_t: Millis): void {
    // The world keeps the routing state this engine reads (serving pods, header share).
  }

  finish(t: Millis): void {
    if (this.second >= 0) this.closeSecond(this.second, t);
    this.second = -1;
  }

  // ------------------------------------------------------------------------------------

  private startSecond(sec: number): void {
    if (this.second >= 0) this.closeSecond(this.second, sec * 1000);
    this.second = sec;
    const w = this.world;
    const sessions = w.scenario.traffic.sessions;
    if (sessions && this.sessionRate > 0) {
      this.sessions.sweep(sec * 1000);
      // Births keep the population at share·rate / per-session rate.
      const births = this.poissonSmall(
        (this.sessionShare * w.rates[Math.min(sec, w.rates.length - 1)]) /
          (this.sessionRate * (sessions.meanLengthMs / 1000)),
      );
      for (let i = 0; i < births; i++) {
        this.sessions.add(w.rng, sec * 1000 + w.rng.next() * 1000, sessions.meanLengthMs, this.v1Share);
      }
    }
  }

  private closeSecond(sec: number, _t: Millis): void {
    const tallies = this.world.journal.tallies;
    if (sec >= tallies.seconds) return;
    for (let v = 0; v < 2; v++) {
      const p99 = quantileFromBuckets(this.secondBuckets, v * BUCKET_COUNT, 0.99);
      (v === 0 ? tallies.versions.stable : tallies.versions.canary).p99Ms[sec] = p99;
    }
    this.secondBuckets.fill(0);
    tallies.sessions.active[sec] = this.sessions.count;
  }

  private poissonSmall(mean: number): number {
    const rng = this.world.rng;
    let k = 0;
    let p = Math.exp(-mean);
    let cdf = p;
    const u = rng.next();
    while (u > cdf && k < 10_000) {
      k++;
      p *= mean / k;
      cdf += p;
    }
    return k;
  }

  /** The role (0 = stable, 1 = canary) the router chose for the last request it found no pod for. */

  private handle(t: Millis, sec: number): void {
    const w = this.world;
    const rng = w.rng;
    const sessions = this.sessions;
    let session = -1;
    if (this.sessionShare > 0 && rng.next() < this.sessionShare) session = sessions.pick(rng, t);
    const kind = session >= 0 ? sessions.kind[session] : rng.next() < this.v1Share ? 0 : 1;
    const route = categorical(rng, w.routeCdf);

    let pod: Pod | null = null;
    let sessionLost = false;
    if (session >= 0 && this.affinity) {
      const pinned = sessions.pod[session];
      if (pinned >= 0) {
        const p = w.pods[pinned];
        if (w.pinnable(p)) pod = p;
        else sessionLost = true;
      }
    }
    if (pod === null) {
      pod = w.pickPod(w.headerToCanary > 0 && rng.next() < w.headerToCanary);
      if (pod !== null && session >= 0 && this.affinity) sessions.pod[session] = pod.index;
    }

    const flag = w.flagPercent;
    const flagOn = flag > 0 && (session >= 0 ? sessions.flagBucket[session] < flag : rng.next() * 100 < flag);
    const tallies = w.journal.tallies;
    if (sec >= tallies.seconds) return;

    let v: number;
    let failed: boolean;
    let clientMs: number;
    let status = S503;
    if (pod === null) {
      // No healthy upstream: the router answers 503 itself; no pod sees the request. It
      // counts against the version the router chose for it.
      v = w.picked.role === 'canary' ? 1 : 0;
      failed = true;
      clientMs = 1;
    } else {
      v = pod.role === 'canary' || flagOn ? 1 : 0;
      const serverMs = this.serve(pod, v, route, kind, session >= 0, sessionLost, t);
      status = this.lastStatus;
      clientMs = serverMs;
      const delay = w.release.delay;
      if (delay?.network && pod.role === 'canary' && rng.next() < delay.share) clientMs += this.addedDelay();
      failed = status !== S200 || (v === 1 && this.apiEffect[route] === API_PARSE && kind === 0);
      if (v === 1) w.markOnset(t, onsetDetail(w.scenario.fault.type));
    }

    const cell =
      v === 0
        ? kind === 0
          ? tallies.cells['stable.v1Shape']
          : tallies.cells['stable.v2Shape']
        : kind === 0
          ? tallies.cells['canary.v1Shape']
          : tallies.cells['canary.v2Shape'];
    cell.requests[sec]++;
    const version = v === 0 ? tallies.versions.stable : tallies.versions.canary;
    version.requests[sec]++;
    if (failed) cell.failed[sec]++;
    if (pod === null || this.serverError[status] === 1) version.serverErrors[sec]++;
    this.secondBuckets[v * BUCKET_COUNT + bucketOf(clientMs)]++;

    if (session >= 0 && t >= w.releaseAt) {
      const base = this.baseErrorRate;
      tallies.sessions.expectedBaseline[sec] += base * sessions.survival[session];
      sessions.survival[session] *= 1 - base;
      if (failed && sessions.affected[session] === 0) {
        sessions.affected[session] = 1;
        tallies.sessions.newlyAffected[sec]++;
      }
    }

    // Mirroring: a copy to a canary pod; its response is discarded.
    const mirror = w.routing.mirrorPercent;
    if (mirror > 0 && rng.next() * 100 < mirror && w.serving.canary.length > 0) {
      const shadow = w.serving.canary[Math.floor(rng.next() * w.serving.canary.length)];
      this.serve(shadow, 1, route, kind, session >= 0, false, t);
      tallies.mirrored[sec]++;
      w.markOnset(t, onsetDetail(w.scenario.fault.type));
    }
  }

  private lastStatus = S200;

  /**
   * The pod serves one request with code path v (0 = v1, 1 = v2): returns the server-side
   * latency in ms and leaves the status in `lastStatus`; updates the pod's counters.
   */
  private serve(
    pod: Pod,
    v: number,
    route: number,
    kind: number,
    inSession: boolean,
    sessionLost: boolean,
    t: Millis,
  ): number {
    const w = this.world;
    const rng = w.rng;
    const release = w.release;
    let ms = Math.exp(this.mu + this.sigma * w.normal.next());
    let status = S200;
    if (sessionLost) {
      status = S401;
    } else {
      if (this.dbRoute[route] === 1) {
        // FCFS pool: the connection that frees first; wait for it or time out.
        const free = pod.free;
        let j = 0;
        let earliest = free[0];
        for (let k = 1; k < free.length; k++) {
          if (free[k] < earliest) {
            earliest = free[k];
            j = k;
          }
        }
        const wait = earliest > t ? earliest - t : 0;
        if (wait > this.acquireTimeoutMs) {
          status = S503;
          ms = this.acquireTimeoutMs;
          pod.acquireTimeouts++;
        } else {
          free[j] = t + wait + ms;
          ms += wait;
          if (v === 1 && release.leakPerRequest > 0 && rng.next() < release.leakPerRequest) {
            free[j] = Number.POSITIVE_INFINITY;
            pod.leaked++;
          }
          const db = release.dbMismatch;
          if (
            db?.breaking &&
            w.migrationRan &&
            ((w.schema === 2 && v === 0) || (w.schema === 1 && v === 1))
          ) {
            status = S500;
          }
        }
      }
      if (status === S200) {
        const delay = release.delay;
        if (v === 1 && delay !== null && !delay.network && rng.next() < delay.share) ms += this.addedDelay();
        const spike = release.errorSpike;
        if (v === 1 && spike !== null && (!spike.sessionsOnly || inSession) && rng.next() < spike.rate) {
          status = w.statuses.fault;
        } else if (this.baseErrorRate > 0 && rng.next() < this.baseErrorRate) {
          status = S500;
        } else if (v === 1 && this.apiEffect[route] === API_REJECT && kind === 0) {
          status = S422;
        }
      }
    }
    const combo = (v * w.routes.length + route) * w.statuses.codes.length + status;
    pod.requests[combo]++;
    pod.buckets[combo * BUCKET_COUNT + bucketOf(ms)]++;
    pod.sums[combo] += ms / 1000;
    this.lastStatus = status;
    return ms;
  }

  private addedDelay(): number {
    const d = this.world.release.delay!;
    const x = d.jitterMs > 0 ? d.ms + d.jitterMs * this.world.normal.next() : d.ms;
    return Math.max(x, 0);
  }
}

export function onsetDetail(faultType: string): string {
  return faultType === 'none'
    ? 'healthy release first served by v2'
    : `v2 (${faultType}) first served a request`;
}
