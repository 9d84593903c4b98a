/**
 * Per-tick fidelity: each second (or the part of it between two changes to the world) is
 * simulated with aggregated draws instead of one event per request:
 * - arrivals: Poisson(rate·dt); sessions, client kinds and statuses: binomial splits of
 *   those counts, per role and code path;
 * - routes: split per tick where a route changes the outcome (a database route under pool
 *   trouble or a broken schema, an API mismatch); elsewhere the statuses are drawn for
 *   the whole path and each status's requests split over the routes once per scrape
 *   (the same multinomial the ticks' splits would add up to);
 * - latency: for the series, one multinomial over the histogram buckets per code path and
 *   class per scrape, spread over the pods' series with both margins kept; for the
 *   client's per-second p99, one draw from the p99's distribution for the second's
 *   request count when they are all of the plain class (quantile-distribution.ts), else a
 *   draw from the top buckets down to the rank (tail-quantile.ts). The series' and the
 *   client's are separate draws of the same distribution;
 * - pools: each pod's timeout probability from the M/M/c+D queue (pool-model.ts); its
 *   leaks drawn per pod;
 * - sessions: counts per pod (affinity) or in groups, first failures drawn per tick; each
 *   lives an exponential time, its ending drawn one at a time (tick-sessions.ts, as per request).
 * Not modelled: waiting time below the timeout added to latency. What analysis queries sum — per
 * version counts and histograms — agrees with the per-request fidelity in
 * distribution; a test checks that on every shipped scenario.
 */
import type { Millis } from '../../scenario/model.js';
import { createRng, type Rng } from '../../stats/rng.js';
import { ROLES, type Role } from '../target.js';
import { allocate, takeProportional, takeProportionalSparse } from './allocation.js';
import { binomial, poisson } from './draws.js';
import {
  BUCKET_COUNT,
  bucketMeansMs,
  bucketOf,
  bucketProbabilities,
  delayedCdf,
  lognormalCdf,
} from './latency.js';
import { onsetDetail } from './per-request.js';
import { Pod } from './pod.js';
import { effectivePatienceS, expectedBusy, lognormalCv2, timeoutProbability } from './pool-model.js';
import { QuantileDistributions } from './quantile-distribution.js';
import { apiMismatchEffect } from './release.js';
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
import { S200, S401, S422, S500, S503 } from './statuses.js';
import { type TailTable, tailQuantile, tailTable } from './tail-quantile.js';
import { Endings, emptyPathFailures, endsHurt, SessionGroups } from './tick-sessions.js';
import type { SimWorld, TrafficEngine } from './world.js';

/** One role's counters between two scrapes: all its pods run the same code. */
interface RoleCounters {
  readonly requests: Float64Array;
  readonly buckets: Float64Array;
  /** Each series' row of `buckets` (views). */
  readonly bucketRows: readonly Float64Array[];
  readonly sums: Float64Array;
  /** Requests per series since the last scrape whose latency buckets are still to be given, by class (plain, delayed). */
  readonly unbucketed: Float64Array;
  /**
   * Requests whose route is still to be drawn (their status did not depend on it), by code
   * path and status (v·S + status); `unroutedDelayed`: those of them in the delayed
   * latency class. Shared out over the routes at the next scrape.
   */
  readonly unrouted: Float64Array;
  readonly unroutedDelayed: Float64Array;
  dirty: boolean;
}

/** Outcome of one code path in one tick, for the tallies. */
interface PathResult {
  requests: number;
  serverErrors: number;
  failed: number;
  /** Failures only v1-shape clients see (parse errors, 422). */
  v1Only: number;
  /** Requests known to be from v2-shape clients (the others of a route split by client kind); none failed. */
  v2Shape: number;
}

const MAX_CELLS = 4096;

export class PerTickEngine implements TrafficEngine {
  private readonly w: SimWorld;
  private readonly meanHoldS: number;
  /** The acquire timeout in the pool formula's time units (see effectivePatienceS), s. */
  private readonly patienceS: number;
  private readonly dbShare: number;
  private readonly baseProbs: Float64Array;
  private readonly baseMeans: Float64Array;
  private readonly delayedProbs: Float64Array | null;
  private readonly delayedMeans: Float64Array | null;
  private readonly baseTail: TailTable;
  private readonly delayedTail: TailTable | null;
  private readonly baseP99: QuantileDistributions;
  private readonly timeoutBucket: number;
  private readonly dbRoute: Uint8Array;
  private readonly apiEffect: readonly ('parse' | 'reject' | 'none')[];
  /** Whether some route has an API mismatch effect (for v2's requests). */
  private readonly apiMismatch: boolean;
  private readonly serverError: Uint8Array;
  private readonly v1Share: number;
  private readonly sessionShare: number;
  private readonly sessionRate: number;
  private readonly affinity: boolean;
  private readonly histogram: boolean;
  /** Whether any histogram series of the role's pods is recorded (else its buckets are not shared out over them). */
  private readonly podHistogram: Record<Role, boolean>;
  /** Pods of a role can end up in different states (a leak): spread load at random. */
  private readonly podsDrift: boolean;

  /** Pods that received requests in the current tick (their scratch is in pod.tick): the first nLoads. */
  private readonly loads: Pod[] = [];
  private nLoads = 0;
  /**
   * Whether this tick's requests go to one stand-in per role (holders) instead of each
   * pod: when the role's pods are interchangeable — no affinity, no leak, no mirror — and
   * no pool is near its limit. Each pod's share of what a holder served is settled at the
   * end of advance(), over the pods serving then (the same all along: every change to
   * the world catches up first). Even shares either way; only their rounding differs.
   */
  private pooled = false;
  private readonly holders: Record<Role, Pod>;
  private readonly useHolders: boolean;
  private tickId = 0;
  private readonly counters: Record<Role, RoleCounters>;
  /** This second's counts, written into the journal's tallies (second-tallies.ts). */
  private readonly secondTallies: SecondTallies;
  private readonly result: PathResult = { requests: 0, serverErrors: 0, failed: 0, v1Only: 0, v2Shape: 0 };
  /** Pods of one role with requests on the path being served (serveRole's first nLoads), and per-pod scratch. */
  private readonly roleLoads: Pod[] = [];
  private weight = new Float64Array(64);
  private share = new Float64Array(64);
  private timedOut = new Float64Array(64);
  /**
   * What the client saw this second, by code path: requests per latency class (plain,
   * delayed; index v·2 + class), and those whose bucket is known (timeouts, the router's
   * 503s; per bucket).
   */
  private readonly secondClass = new Float64Array(4);
  private readonly secondFixed = new Float64Array(2 * BUCKET_COUNT);
  /** How many requests `secondFixed` holds, by code path. */
  private readonly secondFixedCount = new Float64Array(2);
  /** Served requests since the last scrape whose latency is still to be drawn, by code path and class (v·2 + class). */
  private readonly scrapeClass = new Float64Array(4);
  /**
   * The series' latency draws have their own stream, split from the world's at the start:
   * whether the histogram is recorded must not change any other draw.
   */
  private readonly seriesRng: Rng;
  private anyUndrawn = false;
  private second = -1;
  private rotation = 0;
  /** Kept apart from `rotation`: whether histograms are recorded must not change other counts. */
  private bucketRotation = 0;
  /** Requests of this tick the router found no pod for, by the role it chose (0 stable, 1 canary). */
  private readonly noUpstreamByRole = new Float64Array(2);

  // Sessions: pinned per pod (affinity: pod.sessions, and the homeless who lost their pod),
  // or in groups by client kind and flag (tick-sessions.ts).
  private readonly groups: SessionGroups;
  /** When sessions end (both with affinity and without). */
  private readonly endings: Endings;
  /** This tick's failures per code path, for the users' failure probabilities. */
  private readonly paths = [emptyPathFailures(), emptyPathFailures()];
  private homeless = 0;
  private homelessAffected = 0;
  /** Sessions that would not yet have failed at the baseline error rate (expected). */
  private baselineUnaffected = -1;

  // Scratch for spreading one path's latency draw over its (role, series) cells.
  private readonly cellRole: RoleCounters[] = [];
  private readonly cellCombo = new Int32Array(MAX_CELLS);
  private readonly cellCount = new Float64Array(MAX_CELLS);
  private readonly cellDelayed = new Float64Array(MAX_CELLS);
  private nCells = 0;
  private readonly left = new Float64Array(BUCKET_COUNT);
  private readonly bucketTake = new Float64Array(BUCKET_COUNT);
  private readonly comboTake: Float64Array;
  /** The combos with requests at a scrape (beforeScrape's scratch). */
  private readonly comboCols: Int32Array;
  private readonly routeCounts: Float64Array;
  /** Index of the route lost sessions' 401s are counted on (login, or the first). */
  private readonly loginRoute: number;
  /** Database arrival rate per pod below which a full pool cannot time out (skip the queue formula). */
  private readonly safeRate: number;

  /** `options.holders: false` gives every tick's requests to the pods themselves (for tests). */
  constructor(world: SimWorld, options: { readonly holders?: boolean } = {}) {
    this.useHolders = options.holders ?? true;
    this.w = world;
    const { scenario } = world;
    this.dbShare = world.routes.reduce((a, r) => a + (r.db ? r.share : 0), 0);
    const tables = latencyTables(world);
    this.meanHoldS = tables.meanHoldS;
    this.patienceS = tables.patienceS;
    this.baseProbs = tables.baseProbs;
    this.baseMeans = tables.baseMeans;
    this.delayedProbs = tables.delayedProbs;
    this.delayedMeans = tables.delayedMeans;
    this.seriesRng = createRng(Math.floor(world.rng.next() * 4294967296));
    this.baseTail = tables.baseTail;
    this.delayedTail = tables.delayedTail;
    this.baseP99 = tables.baseP99;
    this.timeoutBucket = bucketOf(scenario.service.pool.acquireTimeoutMs);
    this.dbRoute = Uint8Array.from(world.routes.map((r) => (r.db ? 1 : 0)));
    const api = world.release.apiMismatch;
    this.apiEffect = world.routes.map((r) => (api ? apiMismatchEffect(r, api.rejectOldRequests) : 'none'));
    this.apiMismatch = this.apiEffect.some((e) => e !== 'none');
    this.serverError = Uint8Array.from(world.statuses.codes.map((c) => (c.startsWith('5') ? 1 : 0)));
    this.v1Share = scenario.traffic.clients.v1Shape;
    const sessions = scenario.traffic.sessions;
    this.sessionShare = sessions?.share ?? 0;
    this.sessionRate = sessions ? sessions.requestsPerMinute / 60 : 0;
    this.affinity = scenario.affinity !== 'none' && sessions !== null;
    this.histogram = world.recorder.recordHistogram;
    this.podHistogram = {
      stable: world.recorder.recordsHistogramOf('stable'),
      canary: world.recorder.recordsHistogramOf('canary'),
    };
    this.groups = new SessionGroups(world.rng, this.v1Share, this.sessionShare);
    this.endings = new Endings(world.rng);
    this.podsDrift = world.release.leakPerRequest > 0;
    this.routeCounts = new Float64Array(world.routes.length);
    const counters = (): RoleCounters => {
      const buckets = new Float64Array(world.combos * BUCKET_COUNT);
      return {
        requests: new Float64Array(world.combos),
        buckets,
        bucketRows: Array.from({ length: world.combos }, (_, c) =>
          buckets.subarray(c * BUCKET_COUNT, (c + 1) * BUCKET_COUNT),
        ),
        sums: new Float64Array(world.combos),
        unbucketed: new Float64Array(2 * world.combos),
        unrouted: new Float64Array(2 * world.statuses.codes.length),
        unroutedDelayed: new Float64Array(2 * world.statuses.codes.length),
        dirty: false,
      };
    };
    this.counters = { stable: counters(), canary: counters() };
    const tallies = world.journal.tallies;
    this.secondTallies = new SecondTallies(tallies);
    const holder = (role: Role) => new Pod(-1, `${role} pods`, role, 0, 0, 0, 0);
    this.holders = { stable: holder('stable'), canary: holder('canary') };
    this.comboTake = new Float64Array(world.combos);
    this.comboCols = new Int32Array(world.combos);
    this.loginRoute = Math.max(
      0,
      world.routes.findIndex((r) => !r.db),
    );
    this.safeRate = tables.safeRate;
    if (sessions && this.sessionRate > 0) {
      const initial = Math.round((this.sessionShare * world.rates[0]) / this.sessionRate);
      if (this.affinity) this.pinNew(initial, 0);
      else this.groups.born(initial);
    }
    this.topologyChanged(0);
  }

  advance(from: Millis, to: Millis): void {
    let t = from;
    while (t < to) {
      const sec = Math.floor(t / 1000);
      if (sec !== this.second) {
        if (this.second >= 0) this.closeSecond(this.second);
        this.second = sec;
      }
      const end = Math.min(to, (sec + 1) * 1000);
      this.tick(t, end, sec);
      t = end;
    }
    if (this.second >= 0 && this.second < this.w.journal.tallies.seconds)
      this.secondTallies.write(this.second);
    this.settleHolders();
  }

  /** What the holders served since the last call, shared evenly over the role's serving pods. */
  private settleHolders(): void {
    for (const role of ROLES) {
      const holder = this.holders[role];
      const served = holder.pendingWeight;
      if (served <= 0) continue;
      holder.pendingWeight = 0;
      const pods = this.w.serving[role];
      const n = pods.length;
      if (n === 0) continue;
      const each = Math.floor(served / n);
      const extra = served - each * n;
      const start = this.rotation++ % n;
      for (let k = 0; k < n; k++) pods[(start + k) % n].pendingWeight += each + (k < extra ? 1 : 0);
    }
  }

  inUse(pod: Pod, _t: Millis): number {
    const rate = this.w.rates[Math.min(Math.max(this.second, 0), this.w.rates.length - 1)];
    return (
      pod.leaked +
      Math.round(expectedBusy(pod.capacity, rate * this.expectedShare(pod) * this.dbShare, this.meanHoldS))
    );
  }

  topologyChanged(_t: Millis): void {
    const w = this.w;
    if (!this.affinity) this.groups.setFlag(w.flagPercent / 100);
    if (this.affinity) {
      // Sessions on pods that no longer get their traffic lose their in-memory session.
      for (const pod of w.pods) {
        if (pod.sessions > 0 && !w.pinnable(pod)) {
          this.homeless += pod.sessions;
          this.homelessAffected += pod.affectedSessions;
          pod.sessions = 0;
          pod.affectedSessions = 0;
        }
      }
    }
  }

  finish(_t: Millis): void {
    if (this.second >= 0) this.closeSecond(this.second);
    this.second = -1;
  }

  // ----- one tick ------------------------------------------------------------------------

  private tick(a: Millis, b: Millis, sec: number): void {
    const w = this.w;
    const tallies = w.journal.tallies;
    if (sec >= tallies.seconds) return;
    const dt = (b - a) / 1000;
    if (dt <= 0) return;
    const rate = w.rates[Math.min(sec, w.rates.length - 1)];
    const afterRelease = a >= w.releaseAt;
    if (afterRelease && this.baselineUnaffected < 0) this.baselineUnaffected = this.totalSessions();
    if (this.sessionRate > 0) this.sessionDynamics(dt, rate);

    this.tickId++;
    this.nLoads = 0;
    this.pooled = this.useHolders && !this.affinity && !this.podsDrift && w.routing.mirrorPercent === 0;
    this.noUpstreamByRole[0] = 0;
    this.noUpstreamByRole[1] = 0;
    for (const path of this.paths) {
      path.requests = 0;
      path.shared = 0;
      path.v1Only = 0;
      path.sessionsOnly = 0;
    }

    const total = poisson(w.rng, rate * dt);
    const sessionRequests = this.affinity ? binomial(w.rng, total, this.sessionShare) : 0;
    let routed = total - sessionRequests;
    const toCanary =
      this.w.headerToCanary > 0 && w.serving.canary.length > 0
        ? binomial(w.rng, routed, this.w.headerToCanary)
        : 0;
    routed -= toCanary;
    this.spread('canary', toCanary, false);
    let noUpstream = this.route(routed, false);
    let lost = 0;
    if (sessionRequests > 0) {
      const r = this.routeSessions(sessionRequests);
      lost = r.lost;
      noUpstream += r.noUpstream;
    }

    const mirror = w.routing.mirrorPercent;
    let mirrored = 0;
    if (mirror > 0 && w.serving.canary.length > 0) {
      mirrored = binomial(w.rng, total, mirror / 100);
      this.spreadMirror(mirrored);
      this.secondTallies.sums[MIRRORED] += mirrored;
    }

    if (this.pooled && !this.poolsSafe(dt)) this.unpool();

    const flag = w.flagPercent;
    if (flag > 0) {
      for (let i = 0; i < this.nLoads; i++) {
        const pod = this.loads[i];
        const t = pod.tick;
        if (pod.role !== 'stable' || t.user0 === 0) continue;
        const on = binomial(w.rng, t.user0, flag / 100);
        t.user0 -= on;
        t.user1 += on;
      }
    }

    // Each pod's pool under this tick's database load (all paths share the pool). A full
    // pool (no leak) at this load times nothing out: skip the queue formula (holders are
    // only used when that holds for every pod).
    if (!this.pooled)
      for (let i = 0; i < this.nLoads; i++) {
        const pod = this.loads[i];
        const t = pod.tick;
        const db = (t.user0 + t.user1 + t.mirrored) * this.dbShare;
        t.pTimeout =
          db > 0 && (pod.leaked > 0 || db / dt > this.safeRate)
            ? timeoutProbability(pod.capacity, db / dt, this.meanHoldS, this.patienceS)
            : 0;
      }

    let failed = 0;
    for (let v = 0; v < 2; v++) {
      const result = this.serve(v, false);
      failed += result.failed;
      this.tally(v, result);
    }
    if (mirrored > 0) this.serve(1, true);
    if (noUpstream > 0) failed += this.tallyNoUpstream(noUpstream);

    if (afterRelease && this.sessionRate > 0) this.sessionHarm(dt, total, failed, lost);
    if (w.faultOnsetAt() === null) {
      let v2 = mirrored;
      for (let i = 0; i < this.nLoads; i++) v2 += this.loads[i].tick.user1;
      // The first of v2 arrivals spread uniformly over the tick.
      if (v2 > 0)
        w.markOnset(a + (b - a) * (1 - w.rng.next() ** (1 / v2)), onsetDetail(w.scenario.fault.type));
    }
  }

  /** The pod's scratch for this tick, registering it as loaded. */
  private loadFor(pod: Pod): Pod['tick'] {
    const t = pod.tick;
    if (t.id !== this.tickId) {
      t.id = this.tickId;
      t.user0 = 0;
      t.user1 = 0;
      t.sessions = 0;
      t.lost = 0;
      t.mirrored = 0;
      t.failed = 0;
      t.spikeFailed = 0;
      t.pTimeout = 0;
      this.loads[this.nLoads++] = pod;
    }
    return t;
  }

  /** Route user requests by the current split; returns how many found no pod. */
  private route(count: number, lost: boolean): number {
    if (count <= 0) return 0;
    const w = this.w;
    const split = w.routing.split;
    let canaryShare: number;
    if (split.kind === 'weight') {
      canaryShare = split.canaryWeight / 100;
    } else {
      const s = split.selector.includes('stable') ? w.serving.stable.length : 0;
      const c = split.selector.includes('canary') ? w.serving.canary.length : 0;
      if (s + c === 0) {
        this.noUpstreamByRole[split.selector.includes('stable') ? 0 : 1] += count;
        return count;
      }
      canaryShare = c / (s + c);
    }
    const toCanary = binomial(w.rng, count, canaryShare);
    let missing = 0;
    if (w.serving.canary.length === 0) {
      missing += toCanary;
      this.noUpstreamByRole[1] += toCanary;
    } else this.spread('canary', toCanary, lost);
    if (w.serving.stable.length === 0) {
      missing += count - toCanary;
      this.noUpstreamByRole[0] += count - toCanary;
    } else this.spread('stable', count - toCanary, lost);
    return missing;
  }

  /**
   * Share a role's requests over its serving pods: at random (a multinomial, as routing
   * each request independently would) when pods can drift apart — a leak drains each
   * pod's pool at its own pace, and the first pool to run dry decides when it shows —,
   * evenly otherwise (pods are interchangeable and only sums over them are read).
   */
  private spread(role: Role, count: number, lost: boolean): void {
    if (count <= 0) return;
    if (this.pooled) {
      // No affinity, so no lost sessions; session users are routed like everyone.
      const load = this.loadFor(this.holders[role]);
      if (role === 'canary') load.user1 += count;
      else load.user0 += count;
      load.sessions += count * this.sessionShare;
      return;
    }
    const w = this.w;
    const pods = w.serving[role];
    const n = pods.length;
    const v = role === 'canary' ? 1 : 0;
    const random = this.podsDrift;
    let left = count;
    const each = Math.floor(count / n);
    let extra = count - each * n;
    const start = random ? 0 : this.rotation++ % n;
    for (let k = 0; k < n && left > 0; k++) {
      let x: number;
      if (random) x = k === n - 1 ? left : binomial(w.rng, left, 1 / (n - k));
      else {
        x = each + (extra > 0 ? 1 : 0);
        if (extra > 0) extra--;
      }
      left -= x;
      if (x === 0) continue;
      const load = this.loadFor(pods[(start + k) % n]);
      if (lost) load.lost += x;
      else {
        if (v === 0) load.user0 += x;
        else load.user1 += x;
        // Without affinity, session users' requests are routed like everyone's.
        if (!this.affinity) load.sessions += x * this.sessionShare;
      }
    }
  }

  /** Whether no pod's pool can time out at this tick's load: the fullest pod of each role gets ⌈requests / pods⌉. */
  private poolsSafe(dt: number): boolean {
    for (let i = 0; i < this.nLoads; i++) {
      const holder = this.loads[i];
      const t = holder.tick;
      const perPod = Math.ceil((t.user0 + t.user1) / this.w.serving[holder.role].length);
      if (perPod * this.dbShare > this.safeRate * dt) return false;
    }
    return true;
  }

  /** Give this tick's requests to the pods themselves after all (before the flag split). */
  private unpool(): void {
    this.pooled = false;
    const held = this.loads.slice(0, this.nLoads);
    this.nLoads = 0;
    for (const holder of held) {
      holder.tick.id = -1;
      this.spread(holder.role, holder.tick.user0 + holder.tick.user1, false);
    }
  }

  private spreadMirror(count: number): void {
    const w = this.w;
    const pods = w.serving.canary;
    const n = pods.length;
    let left = count;
    for (let k = 0; k < n && left > 0; k++) {
      const x = k === n - 1 ? left : binomial(w.rng, left, 1 / (n - k));
      left -= x;
      if (x > 0) this.loadFor(pods[k]).mirrored += x;
    }
  }

  /**
   * Session requests with affinity: shared out over pods in proportion to their pinned
   * sessions (a multinomial); requests of sessions whose pod went away land on a new pod,
   * get 401 and pin the session there.
   */
  private routeSessions(requests: number): { lost: number; noUpstream: number } {
    const w = this.w;
    let weightLeft = this.totalSessions();
    if (weightLeft === 0) return { lost: 0, noUpstream: this.route(requests, false) };
    let remaining = requests;
    for (const pod of w.pods) {
      if (pod.sessions === 0 || remaining === 0) continue;
      const x = binomial(w.rng, remaining, Math.min(1, pod.sessions / weightLeft));
      weightLeft -= pod.sessions;
      remaining -= x;
      if (x > 0) {
        const load = this.loadFor(pod);
        if (pod.role === 'canary') load.user1 += x;
        else load.user0 += x;
        load.sessions += x;
      }
    }
    if (remaining === 0) return { lost: 0, noUpstream: 0 };
    const lost = Math.min(remaining, this.homeless);
    const noUpstream = this.route(lost, true) + this.route(remaining - lost, false);
    const affectedBack = this.homeless > 0 ? binomial(w.rng, lost, this.homelessAffected / this.homeless) : 0;
    this.homeless -= lost;
    this.homelessAffected -= affectedBack;
    // Every one of them has now seen a failure (the 401).
    this.pinNew(lost, lost);
    return { lost: lost - affectedBack, noUpstream };
  }

  /** Pin `count` sessions to pods chosen by the routing; `affected` of them already failed. */
  private pinNew(count: number, affected: number): void {
    const w = this.w;
    for (let i = 0; i < count; i++) {
      const pod = this.w.pickPod(false);
      const isAffected = i < affected;
      if (pod === null) {
        this.homeless++;
        if (isAffected) this.homelessAffected++;
      } else {
        pod.sessions++;
        if (isAffected) pod.affectedSessions++;
      }
    }
    void w;
  }

  private totalSessions(): number {
    if (!this.affinity) return this.groups.total;
    let n = this.homeless;
    for (const pod of this.w.pods) n += pod.sessions;
    return n;
  }

  /** Births and ends of sessions over dt. */
  private sessionDynamics(dt: number, rate: number): void {
    const w = this.w;
    const meanS = w.scenario.traffic.sessions!.meanLengthMs / 1000;
    const births = poisson(w.rng, ((this.sessionShare * rate) / (this.sessionRate * meanS)) * dt);
    if (dt !== this.sessionDt) this.sessionConstants(dt);
    const pEnd = this.sessionEnd;
    const hazard = dt / meanS;
    if (this.affinity) {
      this.endings.begin(this.totalSessions(), hazard);
      while (this.endings.another()) this.endPinned();
      this.pinNew(births, 0);
    } else {
      this.groups.end(this.endings, hazard);
      this.groups.born(births);
    }
    if (this.baselineUnaffected >= 0) {
      this.baselineUnaffected = Math.min(this.totalSessions(), this.baselineUnaffected * (1 - pEnd) + births);
    }
  }

  /** The tick length (s) the next two are for: a session's chance to end in it, and a session's baseline chance to fail in it. */
  private sessionDt = -1;
  private sessionEnd = 0;
  private baselineHarm = 0;

  /** The same for every whole-second tick: computed once per tick length. */
  private sessionConstants(dt: number): void {
    const meanS = this.w.scenario.traffic.sessions!.meanLengthMs / 1000;
    this.sessionDt = dt;
    this.sessionEnd = 1 - Math.exp(-dt / meanS);
    this.baselineHarm = 1 - Math.exp(-this.sessionRate * dt * this.w.scenario.service.errorRate);
  }

  /** One session with affinity ends, chosen uniformly: on a pod, or one whose pod went away. */
  private endPinned(): void {
    const rng = this.w.rng;
    let x = rng.next() * this.totalSessions();
    let last: Pod | null = null;
    for (const pod of this.w.pods) {
      if (pod.sessions === 0) continue;
      if (x < pod.sessions) {
        if (endsHurt(rng, pod.sessions, pod.affectedSessions)) pod.affectedSessions--;
        pod.sessions--;
        return;
      }
      x -= pod.sessions;
      last = pod;
    }
    if (this.homeless > 0) {
      if (endsHurt(rng, this.homeless, this.homelessAffected)) this.homelessAffected--;
      this.homeless--;
    } else if (last !== null) {
      // Only rounding gets here: the last pod with sessions.
      if (endsHurt(rng, last.sessions, last.affectedSessions)) last.affectedSessions--;
      last.sessions--;
    }
  }

  /** Sessions seeing their first failure this tick, and the baseline expectation of that. */
  private sessionHarm(dt: number, total: number, failed: number, lostNewlyAffected: number): void {
    const w = this.w;
    if (this.baselineUnaffected > 0) {
      if (dt !== this.sessionDt) this.sessionConstants(dt);
      const expected = this.baselineUnaffected * this.baselineHarm;
      this.baselineUnaffected -= expected;
      this.secondTallies.sums[EXPECTED_BASELINE] += expected;
    }
    let newly = lostNewlyAffected;
    const rate = this.sessionRate * dt;
    if (this.affinity) {
      // Per pod: the failure probability of its session requests (client kinds mixed).
      for (let li = 0; li < this.nLoads; li++) {
        const pod = this.loads[li];
        const load = pod.tick;
        const served = load.user0 + load.user1;
        const unaffected = pod.sessions - pod.affectedSessions;
        if (served === 0 || unaffected <= 0) continue;
        const p = Math.min(
          1,
          load.failed / served + (load.sessions > 0 ? load.spikeFailed / load.sessions : 0),
        );
        if (p <= 0) continue;
        const x = binomial(w.rng, unaffected, 1 - Math.exp(-rate * p));
        pod.affectedSessions += x;
        newly += x;
      }
    } else if (total > 0 && failed > 0) {
      // Requests of unflagged users that reached v2 pods (the canary's share).
      let toV2Pods = 0;
      let toV1Path = 0;
      for (let li = 0; li < this.nLoads; li++) {
        const pod = this.loads[li];
        if (pod.role === 'canary') toV2Pods += pod.tick.user1;
        else toV1Path += pod.tick.user0;
      }
      const unflaggedV2 = toV2Pods + toV1Path > 0 ? toV2Pods / (toV2Pods + toV1Path) : 0;
      newly += this.groups.harm(rate, this.paths, unflaggedV2);
    }
    this.secondTallies.sums[NEWLY_AFFECTED] += newly;
  }

  // ----- serving ---------------------------------------------------------------------

  /**
   * Serve the requests of code path v (user requests, or the mirrored copies). Route and
   * status splits are drawn per role (all pods of a role run the same code); what depends
   * on one pod's state — pool timeouts and leaks — is drawn per pod. Counts go to the
   * role's counters, shared out over its pods at the next scrape. One latency draw per
   * path follows.
   */
  private serve(v: number, mirror: boolean): PathResult {
    const result: PathResult = this.result;
    result.requests = 0;
    result.serverErrors = 0;
    result.failed = 0;
    result.v1Only = 0;
    result.v2Shape = 0;
    this.nCells = 0;
    let timeouts = 0;
    for (let ri = 0; ri < 2; ri++)
      timeouts += this.serveRole(ri === 0 ? 'stable' : 'canary', v, mirror, result);
    if (!mirror) {
      result.serverErrors += timeouts;
      const S = this.w.statuses.codes.length;
      for (let c = 0; c < this.nCells; c++) {
        if (this.serverError[this.cellCombo[c] % S] === 1) result.serverErrors += this.cellCount[c];
      }
    }
    this.recordLatency(v, mirror, timeouts);
    return result;
  }

  /** One role's share of path v; returns the timeouts (counted on the pods directly). */
  private serveRole(role: Role, v: number, mirror: boolean, result: PathResult): number {
    const w = this.w;
    const rng = w.rng;
    const release = w.release;
    const R = w.routes.length;
    const S = w.statuses.codes.length;
    const podV = role === 'canary' ? 1 : 0;
    const loads = this.roleLoads;
    let nLoads = 0;
    let n = 0;
    let lost = 0;
    let sessionRequests = 0;
    let anyTimeout = false;
    for (let li = 0; li < this.nLoads; li++) {
      const pod = this.loads[li];
      if (pod.role !== role) continue;
      const t = pod.tick;
      const x = mirror ? t.mirrored : v === 0 ? t.user0 : t.user1;
      const all = t.user0 + t.user1;
      // Mirrors copy a random share of all traffic: its session share is the traffic's.
      if (mirror) sessionRequests += x * this.sessionShare;
      else if (all > 0) sessionRequests += (x * t.sessions) / all;
      const l = !mirror && podV === v ? t.lost : 0;
      if (x + l === 0) continue;
      if (this.weight.length <= nLoads) this.growScratch();
      this.weight[nLoads] = x;
      loads[nLoads++] = pod;
      n += x;
      lost += l;
      if (t.pTimeout > 0) anyTimeout = true;
    }
    if (n + lost === 0) return 0;
    const counters = this.counters[role];
    const base = v * R * S;
    let failures = 0;
    /** Failures of a sessions-cohort fault: only session requests can have them. */
    let cohortFailures = 0;
    let v1Only = 0;
    let timeouts = 0;

    if (lost > 0) {
      // Sessions that lost their pod: 401 from the pod they landed on, before anything else.
      this.countRole(counters, base + this.loginRoute * S + S401, lost);
      failures += lost;
    }
    const perPod = anyTimeout || (v === 1 && release.leakPerRequest > 0);
    if (perPod) this.timedOut.fill(0, 0, nLoads);
    const dbBroken =
      release.dbMismatch?.breaking === true &&
      w.migrationRan &&
      ((w.schema === 2 && v === 0) || (w.schema === 1 && v === 1));
    const spike = v === 1 ? release.errorSpike : null;
    const serviceDelay = v === 1 && release.delay !== null && !release.delay.network;
    const sessionFraction = n > 0 ? Math.min(1, sessionRequests / n) : 0;
    // When no route behaves differently (no pool trouble, broken schema or API mismatch on
    // this path), statuses are drawn for all n at once and the route split waits for the
    // scrape (routeUnrouted): one split per scrape interval instead of one per tick.
    const unrouted = !perPod && !dbBroken && (v === 0 || !this.apiMismatch);
    if (!unrouted) this.splitRoutes(w.rng, n);
    for (let r = 0; r < (unrouted ? 1 : R); r++) {
      let x = unrouted ? n : this.routeCounts[r];
      if (x === 0) continue;
      // Slots past the series' combos are the unrouted counts (combo − combos = v·S + status).
      const row = unrouted ? w.combos + v * S : base + r * S;
      if (!unrouted && this.dbRoute[r] === 1) {
        if (perPod) {
          const share = this.share;
          allocate(x, this.weight, nLoads, share, this.rotation++);
          for (let i = 0; i < nLoads; i++) {
            const pod = loads[i];
            if (share[i] === 0) continue;
            const p = pod.tick.pTimeout;
            if (p > 0) {
              const t = p >= 1 ? share[i] : binomial(rng, share[i], p);
              if (t > 0) {
                this.timeOut(pod, row + S503, t, mirror);
                this.timedOut[i] += t;
                share[i] -= t;
                x -= t;
                timeouts += t;
              }
            }
            if (v === 1 && release.leakPerRequest > 0 && share[i] > 0) {
              this.leak(pod, binomial(rng, share[i], release.leakPerRequest));
            }
          }
        }
        if (dbBroken) {
          this.countRole(counters, row + S500, x);
          failures += x;
          continue;
        }
      }
      if (x === 0) continue;
      const firstCell = this.nCells;
      let fresh = x;
      if (spike) {
        const cohort = spike.sessionsOnly ? binomial(rng, fresh, sessionFraction) : fresh;
        const k = binomial(rng, cohort, spike.rate);
        this.countRole(counters, row + w.statuses.fault, k);
        failures += k;
        if (spike.sessionsOnly) cohortFailures += k;
        fresh -= k;
      }
      const errors = binomial(rng, fresh, w.scenario.service.errorRate);
      this.countRole(counters, row + S500, errors);
      failures += errors;
      fresh -= errors;
      if (v === 1 && this.apiEffect[r] !== 'none' && fresh > 0) {
        const old = binomial(rng, fresh, this.v1Share);
        if (!mirror) result.v2Shape += fresh - old;
        if (this.apiEffect[r] === 'reject') {
          this.countRole(counters, row + S422, old);
          fresh -= old;
        }
        // Rejected (422) or parsed as garbage by the client (the server counted a 200).
        failures += old;
        if (!mirror) {
          result.v1Only += old;
          v1Only += old;
        }
      }
      this.countRole(counters, row + S200, fresh);
      if (serviceDelay) this.markDelayed(firstCell, binomial(rng, x, release.delay!.share));
    }

    // Pods: what they served, and (for sessions) their failure rate this tick.
    const failRate = n + lost > 0 ? (failures - cohortFailures) / (n + lost) : 0;
    for (let i = 0; i < nLoads; i++) {
      const pod = loads[i];
      const t = pod.tick;
      const l = !mirror && podV === v ? t.lost : 0;
      // Timed-out requests are on the pod's counters already; the rest are shared out later.
      const served = this.weight[i] + l - (perPod ? this.timedOut[i] : 0);
      pod.pendingWeight += served;
      if (!mirror) {
        t.failed += served * failRate;
        // The cohort's failures, shared by the pods' session requests on this path.
        if (cohortFailures > 0 && sessionRequests > 0) {
          const all = t.user0 + t.user1;
          t.spikeFailed +=
            all > 0 ? (cohortFailures * ((this.weight[i] * t.sessions) / all)) / sessionRequests : 0;
        }
      }
    }
    if (!mirror) {
      result.requests += n + lost;
      result.failed += failures + timeouts;
      const path = this.paths[v];
      path.requests += n + lost;
      path.shared += failures + timeouts - v1Only - cohortFailures;
      path.v1Only += v1Only;
      path.sessionsOnly += cohortFailures;
    }
    return timeouts;
  }

  /** Requests that timed out waiting for a connection: counted on their pod directly. */
  private timeOut(pod: Pod, combo: number, n: number, mirror: boolean): void {
    pod.acquireTimeouts += n;
    pod.requests[combo] += n;
    pod.buckets[combo * BUCKET_COUNT + this.timeoutBucket] += n;
    pod.sums[combo] += (n * this.w.scenario.service.pool.acquireTimeoutMs) / 1000;
    if (!mirror) pod.tick.failed += n;
  }

  /** Add `n` requests of one series (or unrouted slot) to a role's counters, and remember the cell for latency. */
  private countRole(counters: RoleCounters, combo: number, n: number): void {
    if (n <= 0) return;
    const combos = this.w.combos;
    if (combo < combos) counters.requests[combo] += n;
    else counters.unrouted[combo - combos] += n;
    counters.dirty = true;
    if (this.nCells >= MAX_CELLS) return;
    this.cellRole[this.nCells] = counters;
    this.cellCombo[this.nCells] = combo;
    this.cellCount[this.nCells] = n;
    this.cellDelayed[this.nCells] = 0;
    this.nCells++;
  }

  /** `delayed` of the requests in cells [from, nCells) carry the latency fault's delay: shared in proportion. */
  private markDelayed(from: number, delayed: number): void {
    if (delayed <= 0) return;
    let total = 0;
    for (let c = from; c < this.nCells; c++) total += this.cellCount[c];
    let left = Math.min(delayed, total);
    for (let c = from; c < this.nCells && left > 0; c++) {
      const x =
        c === this.nCells - 1
          ? left
          : Math.min(left, this.cellCount[c], Math.round((delayed * this.cellCount[c]) / total));
      this.cellDelayed[c] = x;
      left -= x;
    }
  }

  private leak(pod: Pod, n: number): void {
    let left = Math.min(n, pod.capacity);
    const free = pod.free;
    for (let j = 0; j < free.length && left > 0; j++) {
      if (free[j] !== Number.POSITIVE_INFINITY) {
        free[j] = Number.POSITIVE_INFINITY;
        pod.leaked++;
        left--;
      }
    }
  }

  /**
   * Latency: the path's served requests counted by class (plain, delayed) — for the
   * client's p99 of this second (drawn at its end, closeSecond) and, when the histogram is
   * recorded, for the cells' series (drawn at the next scrape, giveDrawnBuckets). Every
   * request of a class has the same latency distribution, so one draw per class serves all
   * the ticks of a second, or of a scrape interval. The two are separate draws, each with
   * the distribution of the requests' latencies: the client's per-second p99 and the
   * series' buckets are not the same requests' draws.
   */
  private recordLatency(v: number, mirror: boolean, timeouts: number): void {
    if (!mirror) {
      this.secondFixed[v * BUCKET_COUNT + this.timeoutBucket] += timeouts;
      this.secondFixedCount[v] += timeouts;
    }
    if (this.nCells === 0) return;
    let delayedTotal = 0;
    let plainTotal = 0;
    for (let c = 0; c < this.nCells; c++) {
      delayedTotal += this.cellDelayed[c];
      plainTotal += this.cellCount[c] - this.cellDelayed[c];
    }
    if (!mirror) {
      this.secondClass[v * 2] += plainTotal;
      this.secondClass[v * 2 + 1] += delayedTotal;
      this.networkDelay(v);
    }
    if (!this.histogram) return;
    this.scrapeClass[v * 2] += plainTotal;
    this.scrapeClass[v * 2 + 1] += delayedTotal;
    this.anyUndrawn = true;
    const combos = this.w.combos;
    for (let c = 0; c < this.nCells; c++) {
      const delayed = this.cellDelayed[c];
      const combo = this.cellCombo[c];
      if (combo >= combos) {
        // Unrouted: its classes are shared out with its routes at the scrape.
        if (delayed > 0) this.cellRole[c].unroutedDelayed[combo - combos] += delayed;
        continue;
      }
      const unbucketed = this.cellRole[c].unbucketed;
      if (this.cellCount[c] > delayed) unbucketed[combo] += this.cellCount[c] - delayed;
      if (delayed > 0) unbucketed[combos + combo] += delayed;
    }
  }

  /**
   * The latencies of the requests served since the last scrape: one multinomial draw per
   * path and class, shared out over the series that served them (keeping every cell's
   * count and every bucket's total), with each cell's latency sum from the buckets' mean
   * latencies.
   */
  private giveDrawnBuckets(): void {
    if (!this.anyUndrawn) return;
    this.anyUndrawn = false;
    const combos = this.w.combos;
    const perPath = combos / 2;
    const left = this.left;
    const take = this.bucketTake;
    for (let v = 0; v < 2; v++) {
      for (let cls = 0; cls < 2; cls++) {
        let remaining = this.scrapeClass[v * 2 + cls];
        this.scrapeClass[v * 2 + cls] = 0;
        const probs = cls === 0 ? this.baseProbs : this.delayedProbs;
        if (remaining > 0 && probs !== null) this.multinomial(this.seriesRng, remaining, probs, left);
        else remaining = 0;
        const means = cls === 0 ? this.baseMeans : this.delayedMeans;
        for (const role of ROLES) {
          const counters = this.counters[role];
          const unbucketed = counters.unbucketed;
          for (let combo = v * perPath; combo < (v + 1) * perPath; combo++) {
            const i = cls * combos + combo;
            const n = unbucketed[i];
            if (n <= 0) continue;
            unbucketed[i] = 0;
            if (remaining <= 0 || means === null) continue;
            takeProportional(n, left, remaining, take, this.bucketRotation++);
            remaining -= n;
            const off = combo * BUCKET_COUNT;
            let sum = 0;
            for (let k = 0; k < BUCKET_COUNT; k++) {
              counters.buckets[off + k] += take[k];
              sum += take[k] * means[k];
            }
            counters.sums[combo] += sum / 1000;
          }
        }
      }
    }
  }

  /**
   * Share each role's counters out over the pods that served since the last scrape, in
   * proportion to what each served, keeping every series' total: counts per series, then
   * each pod-series' histogram buckets and latency sum.
   */
  beforeScrape(_t: Millis): void {
    this.routeUnrouted();
    this.giveDrawnBuckets();
    // Nothing reads the pods' request counters when no request series is recorded.
    const shareOut = this.w.recorder.recordRequests || this.histogram;
    for (const role of ROLES) {
      const counters = this.counters[role];
      if (!counters.dirty) continue;
      counters.dirty = false;
      if (!shareOut) {
        counters.requests.fill(0);
        for (const pod of this.w.pods) if (pod.role === role) pod.pendingWeight = 0;
        continue;
      }
      const pods = this.w.pods;
      const histogram = this.podHistogram[role];
      // The series with requests (most have none in an interval).
      const cols = this.comboCols;
      let count = 0;
      let remaining = 0;
      for (let c = 0; c < counters.requests.length; c++) {
        if (counters.requests[c] === 0) continue;
        remaining += counters.requests[c];
        cols[count++] = c;
      }
      const left = counters.requests;
      const take = this.comboTake;
      for (const pod of pods) {
        if (pod.role !== role || pod.pendingWeight <= 0 || remaining <= 0) continue;
        const n = Math.min(pod.pendingWeight, remaining);
        pod.pendingWeight = 0;
        // Requests per series for this pod, taken from what is left of the role's counts.
        takeProportionalSparse(n, left, remaining, take, this.rotation++, cols, count);
        remaining -= n;
        for (let i = 0; i < count; i++) {
          const c = cols[i];
          const x = take[c];
          if (x === 0) continue;
          pod.requests[c] += x;
          if (!histogram) continue;
          // This pod's part of the series' buckets: x of the `before` requests left (taken
          // out of the role's buckets in place).
          const before = left[c] + x;
          const off = c * BUCKET_COUNT;
          takeProportional(x, counters.bucketRows[c], before, this.bucketTake, this.bucketRotation++);
          for (let k = 0; k < BUCKET_COUNT; k++) pod.buckets[off + k] += this.bucketTake[k];
          const sum = before > 0 ? (counters.sums[c] * x) / before : 0;
          pod.sums[c] += sum;
          counters.sums[c] -= sum;
        }
      }
      // What no live pod took (a pod gone before the scrape) is lost, as it is for Prometheus.
      counters.requests.fill(0);
      counters.buckets.fill(0);
      counters.sums.fill(0);
      for (const pod of pods) if (pod.role === role) pod.pendingWeight = 0;
    }
  }

  private growScratch(): void {
    const n = this.weight.length * 2;
    const grow = (a: Float64Array) => {
      const b = new Float64Array(n);
      b.set(a);
      return b;
    };
    this.weight = grow(this.weight);
    this.share = grow(this.share);
    this.timedOut = grow(this.timedOut);
  }

  /**
   * The unrouted requests since the last scrape, split over the routes by their shares
   * (each route's requests are a multinomial draw of the interval's, as routing each tick
   * would give) into the series' counts and, when recorded, their latency classes. Draws
   * from the series' stream: whether it happens must not change the world's draws.
   */
  private routeUnrouted(): void {
    const w = this.w;
    const R = w.routes.length;
    const S = w.statuses.codes.length;
    const combos = w.combos;
    for (const role of ROLES) {
      const counters = this.counters[role];
      if (!counters.dirty) continue;
      for (let slot = 0; slot < counters.unrouted.length; slot++) {
        const total = counters.unrouted[slot];
        if (total === 0) continue;
        const delayed = counters.unroutedDelayed[slot];
        counters.unrouted[slot] = 0;
        counters.unroutedDelayed[slot] = 0;
        const v = Math.floor(slot / S);
        const combo0 = v * R * S + (slot % S);
        for (let cls = 0; cls < 2; cls++) {
          const n = cls === 0 ? total - delayed : delayed;
          if (n <= 0) continue;
          this.splitRoutes(this.seriesRng, n);
          for (let r = 0; r < R; r++) {
            const x = this.routeCounts[r];
            if (x === 0) continue;
            const combo = combo0 + r * S;
            counters.requests[combo] += x;
            if (this.histogram) counters.unbucketed[cls * combos + combo] += x;
          }
        }
      }
    }
  }

  /** Route split of n requests (sequential binomials) into routeCounts. */
  private splitRoutes(rng: Rng, n: number): void {
    const w = this.w;
    const R = w.routes.length;
    let left = n;
    let shareLeft = 1;
    for (let r = 0; r < R; r++) {
      const share = w.routes[r].share;
      const x = r === R - 1 || left === 0 ? left : binomial(rng, left, Math.min(1, share / shareLeft));
      this.routeCounts[r] = x;
      left -= x;
      shareLeft -= share;
    }
  }

  /**
   * Network delay on the path to canary pods: the client sees it, the server does not.
   * Moves the delayed share of this tick's canary requests to the client's delayed class.
   */
  private networkDelay(v: number): void {
    const w = this.w;
    const d = w.release.delay;
    if (!d?.network || !this.delayedProbs) return;
    let canary = 0;
    for (let li = 0; li < this.nLoads; li++) {
      const pod = this.loads[li];
      if (pod.role === 'canary') canary += v === 0 ? pod.tick.user0 : pod.tick.user1;
    }
    if (canary === 0) return;
    const delayed = Math.min(binomial(w.rng, canary, d.share), this.secondClass[v * 2]);
    this.secondClass[v * 2] -= delayed;
    this.secondClass[v * 2 + 1] += delayed;
  }

  private multinomial(rng: Rng, n: number, probs: Float64Array, out: Float64Array): void {
    out.fill(0);
    let left = n;
    let pLeft = 1;
    for (let k = 0; k < BUCKET_COUNT - 1 && left > 0; k++) {
      const p = probs[k];
      if (p <= 0) continue;
      const x = p >= pLeft ? left : binomial(rng, left, p / pLeft);
      out[k] = x;
      left -= x;
      pLeft -= p;
    }
    out[BUCKET_COUNT - 1] += left;
  }

  // ----- tallies ---------------------------------------------------------------------

  private tally(v: number, r: PathResult): void {
    if (r.requests === 0) return;
    const w = this.w;
    const sums = this.secondTallies.sums;
    sums[versionRequests(v)] += r.requests;
    sums[versionServerErrors(v)] += r.serverErrors;
    // Client kinds: v1-only failures are the v1-shape clients', requests already split by
    // kind keep theirs; the rest split by the mix.
    const others = r.requests - r.v1Only - r.v2Shape;
    const v1Others = binomial(w.rng, others, this.v1Share);
    const othersFailed = r.failed - r.v1Only;
    const v1OthersFailed = others > 0 ? binomial(w.rng, othersFailed, v1Others / others) : 0;
    // Cells 2v (v1-shape clients) and 2v + 1 (v2-shape).
    sums[cellRequests(2 * v)] += r.v1Only + v1Others;
    sums[cellFailed(2 * v)] += r.v1Only + v1OthersFailed;
    sums[cellRequests(2 * v + 1)] += r.v2Shape + others - v1Others;
    sums[cellFailed(2 * v + 1)] += othersFailed - v1OthersFailed;
  }

  /**
   * Requests no pod could take (the router's own 503), counted against the version the
   * router chose for them. Returns the failures added.
   */
  private tallyNoUpstream(n: number): number {
    for (let v = 0; v < 2; v++) {
      const x = this.noUpstreamByRole[v];
      if (x === 0) continue;
      this.tally(v, { requests: x, serverErrors: x, failed: x, v1Only: 0, v2Shape: 0 });
      this.secondFixed[v * BUCKET_COUNT] += x;
      this.secondFixedCount[v] += x;
      this.paths[v].requests += x;
      this.paths[v].shared += x;
    }
    return n;
  }

  private closeSecond(sec: number): void {
    const tallies = this.w.journal.tallies;
    if (sec >= tallies.seconds) return;
    this.secondTallies.close(sec);
    tallies.versions.stable.p99Ms[sec] = this.secondP99(0);
    tallies.versions.canary.p99Ms[sec] = this.secondP99(1);
    // Element by element: fill() is a call into the runtime, once a second per array.
    const cls = this.secondClass;
    cls[0] = 0;
    cls[1] = 0;
    cls[2] = 0;
    cls[3] = 0;
    if (this.secondFixedCount[0] + this.secondFixedCount[1] > 0) {
      this.secondFixed.fill(0);
      this.secondFixedCount[0] = 0;
      this.secondFixedCount[1] = 0;
    }
    tallies.sessions.active[sec] = this.totalSessions();
  }

  /**
   * The client's p99 latency of code path v this second: from the p99's distribution
   * when all its requests are of the plain class (one uniform), else drawn top-down.
   */
  private secondP99(v: number): number {
    const plain = this.secondClass[v * 2];
    if (this.secondClass[v * 2 + 1] === 0 && this.secondFixedCount[v] === 0 && this.baseP99.covers(plain))
      return this.baseP99.draw(this.w.rng, plain);
    return tailQuantile(
      this.w.rng,
      0.99,
      this.secondClass[v * 2],
      this.baseTail,
      this.secondClass[v * 2 + 1],
      this.delayedTail,
      this.secondFixed,
      v * BUCKET_COUNT,
    );
  }

  /** Expected share of user traffic one pod receives under the current routing. */
  private expectedShare(pod: Pod): number {
    const w = this.w;
    if (!pod.serving || !w.routable(pod.role)) return 0;
    const split = w.routing.split;
    if (split.kind === 'weight') {
      const list = w.serving[pod.role];
      const share = pod.role === 'canary' ? split.canaryWeight / 100 : 1 - split.canaryWeight / 100;
      return list.length === 0 ? 0 : share / list.length;
    }
    const s = split.selector.includes('stable') ? w.serving.stable.length : 0;
    const c = split.selector.includes('canary') ? w.serving.canary.length : 0;
    return s + c === 0 ? 0 : 1 / (s + c);
  }
}

interface LatencyTables {
  readonly baseProbs: Float64Array;
  readonly baseMeans: Float64Array;
  readonly delayedProbs: Float64Array | null;
  readonly delayedMeans: Float64Array | null;
  readonly baseTail: TailTable;
  readonly delayedTail: TailTable | null;
  /** The distribution of a second's p99 when its requests are all of the plain class. */
  readonly baseP99: QuantileDistributions;
  /** Mean connection holding time (a request's mean latency), s. */
  readonly meanHoldS: number;
  /** The acquire timeout in the pool formula's time units (see effectivePatienceS), s. */
  readonly patienceS: number;
  /** Database arrival rate per pod below which a full pool times out with P < 1e-12. */
  readonly safeRate: number;
}

/** Per-scenario constants, computed once and shared by all its trials. */
const TABLES = new WeakMap<object, LatencyTables>();

function latencyTables(world: SimWorld): LatencyTables {
  const key = world.scenario;
  const cached = TABLES.get(key);
  if (cached) return cached;
  const { latency } = world;
  const baseCdf = lognormalCdf(latency);
  const d = world.release.delay;
  const delayed = d ? delayedCdf(latency, d.ms, d.jitterMs) : null;
  const pool = world.scenario.service.pool;
  const meanHoldS = Math.exp(latency.mu + (latency.sigma * latency.sigma) / 2) / 1000;
  let safe = pool.size / meanHoldS;
  const patienceS = effectivePatienceS(pool.acquireTimeoutMs / 1000, lognormalCv2(latency.sigma));
  while (safe > 0.01 && timeoutProbability(pool.size, safe, meanHoldS, patienceS) > 1e-12) safe /= 2;
  const baseProbs = bucketProbabilities(baseCdf);
  const delayedProbs = delayed ? bucketProbabilities(delayed) : null;
  const tables: LatencyTables = {
    baseProbs,
    baseTail: tailTable(baseProbs),
    baseP99: new QuantileDistributions(0.99, baseProbs),
    delayedProbs,
    delayedTail: delayedProbs ? tailTable(delayedProbs) : null,
    baseMeans: bucketMeansMs(baseCdf),
    delayedMeans: delayed ? bucketMeansMs(delayed) : null,
    meanHoldS,
    patienceS,
    safeRate: safe,
  };
  TABLES.set(key, tables);
  return tables;
}
