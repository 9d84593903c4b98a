/**
 * The simulated world: a Target whose pods, router, database and users are models on a
 * simulated clock. Traffic is simulated lazily: any change to the world (a scale, a
 * routing change, a pod becoming ready) and any scrape first brings traffic up to the
 * current time, so every change takes effect exactly when it happens.
 *
 * Two fidelities share this state: per request (every arrival simulated, exact) and per
 * tick (aggregated draws per second, much faster). See per-request.ts and per-tick.ts.
 */

import { Priority } from '../../clock/clock.js';
import type { SimClock } from '../../clock/sim-clock.js';
import type { Journal } from '../../journal/journal.js';
import type { Millis, RouteModel, Scenario } from '../../scenario/model.js';
import type { Rng } from '../../stats/rng.js';
import { perSecondRates } from '../../traffic/rate-profile.js';
import { scaleDownVictims } from '../replica-set.js';
import { matchesHeaderRoute, type PickedRole, pickServing, routable } from '../routing-rules.js';
import {
  type ReplicaSetStatus,
  type Role,
  type Routing,
  STABLE_ONLY,
  type Target,
  type TargetEvent,
} from '../target.js';
import { NormalSource } from './draws.js';
import { type LognormalParams, lognormalFromPercentiles } from './latency.js';
import { Pod } from './pod.js';
import { MetricsRecorder, type SeriesFilter, type SeriesLabelCache, type SeriesSink } from './recorder.js';
import { type ReleaseBehaviour, releaseBehaviour } from './release.js';
import { type StatusTable, statusTable } from './statuses.js';

/** How a traffic engine advances the world; both fidelities implement it. */
export interface TrafficEngine {
  /** Simulate all traffic in [from, to). */
  advance(from: Millis, to: Millis): void;
  /** Connections in use on a pod at time t (the pool gauge). */
  inUse(pod: Pod, t: Millis): number;
  /** Bring every pod's counters up to date before they are scraped. */
  beforeScrape(t: Millis): void;
  /** The world's topology (pods serving, routing, flag) changed at time t. */
  topologyChanged(t: Millis): void;
  /** Close the last partial second. */
  finish(t: Millis): void;
}

export interface SimWorldOptions {
  readonly scenario: Scenario;
  readonly clock: SimClock;
  readonly rng: Rng;
  readonly journal: Journal;
  readonly sink: SeriesSink;
  /** Metric names the scenario's queries select; null records every series. */
  readonly recordMetrics: ReadonlySet<string> | null;
  /** Series (by labels) the queries can select; null or absent records every series of those names. */
  readonly recordSeries?: SeriesFilter | null;
  /** The scenario's label sets from earlier trials, with the same recordMetrics and recordSeries. */
  readonly seriesLabels?: SeriesLabelCache | null;
  /** When the release starts (blast radius and affected sessions count from here). */
  readonly releaseAt: Millis;
  readonly engine: (world: SimWorld) => TrafficEngine;
}

/** Time a terminating pod takes to finish its in-flight requests and exit. */
export const DRAIN_MS = 1000;

export class SimWorld implements Target {
  readonly scenario: Scenario;
  readonly clock: SimClock;
  readonly rng: Rng;
  readonly normal: NormalSource;
  readonly journal: Journal;
  readonly routes: readonly RouteModel[];
  /** Cumulative route shares for drawing a route. */
  readonly routeCdf: Float64Array;
  readonly statuses: StatusTable;
  readonly release: ReleaseBehaviour;
  readonly latency: LognormalParams;
  /** Arrival rate per second of trial time, requests/s. */
  readonly rates: Float64Array;
  readonly releaseAt: Millis;
  /** versions × routes × statuses */
  readonly combos: number;

  readonly pods: Pod[] = [];
  /** Ready, not terminating pods per role. */
  readonly serving: Record<Role, Pod[]> = { stable: [], canary: [] };
  routing: Routing = STABLE_ONLY;
  flagPercent = 0;
  /** Database schema version: 2 once v2's migration ran, back to 1 when reverted. */
  schema = 1;
  migrationRan = false;

  readonly recorder: MetricsRecorder;
  private readonly engine: TrafficEngine;
  private readonly desired: Record<Role, number> = { stable: 0, canary: 0 };
  private readonly listeners: ((event: TargetEvent) => void)[] = [];
  private readonly podSeq: Record<Role, number> = { stable: 0, canary: 0 };
  private simulatedTo: Millis = 0;
  private onset: Millis | null = null;
  private lastRoutingKey = '';

  constructor(options: SimWorldOptions) {
    const { scenario } = options;
    this.scenario = scenario;
    this.clock = options.clock;
    this.rng = options.rng;
    this.normal = new NormalSource(options.rng);
    this.journal = options.journal;
    this.routes = scenario.service.routes;
    this.routeCdf = new Float64Array(this.routes.length);
    let acc = 0;
    this.routes.forEach((r, i) => {
      acc += r.share;
      this.routeCdf[i] = acc;
    });
    this.routeCdf[this.routes.length - 1] = 1;
    this.statuses = statusTable(scenario.fault);
    this.release = releaseBehaviour(scenario.fault);
    this.latency = lognormalFromPercentiles(scenario.service.latency);
    this.rates = perSecondRates(scenario.traffic.profile, Math.ceil(scenario.durationMs / 1000) + 1);
    this.releaseAt = options.releaseAt;
    this.combos = 2 * this.routes.length * this.statuses.codes.length;
    this.recorder = new MetricsRecorder(
      options.sink,
      this.routes,
      this.statuses.codes,
      options.recordMetrics,
      options.recordSeries ?? null,
      options.seriesLabels ?? null,
    );

    // The running release: stable pods, ready from the start.
    this.desired.stable = scenario.service.replicas;
    for (let i = 0; i < scenario.service.replicas; i++) {
      const pod = this.createPod('stable', -scenario.service.startupMs, 0);
      pod.ready = true;
    }
    this.refreshServing();
    this.engine = options.engine(this);
    this.journalRouting(0);
    this.scheduleScrape(0);
  }

  // ----- Target ---------------------------------------------------------------------

  scale(role: Role, replicas: number): void {
    const target = Math.max(0, Math.floor(replicas));
    this.catchUp();
    this.desired[role] = target;
    const alive = this.pods.filter((p) => p.role === role && !p.gone && !p.terminating);
    const now = this.clock.now();
    if (target > alive.length) {
      for (let i = alive.length; i < target; i++) {
        const pod = this.createPod(role, now, now + this.scenario.service.startupMs);
        this.clock.at(pod.readyAt, () => this.podReady(pod), Priority.world);
      }
      // The service runs its migrations as it starts, before it is ready.
      if (role === 'canary') this.runMigration();
    } else if (target < alive.length) {
      for (const pod of scaleDownVictims(alive, alive.length - target, (p) => p.index)) this.terminate(pod);
    }
    this.topologyChanged();
  }

  status(role: Role): ReplicaSetStatus {
    let current = 0;
    let ready = 0;
    let terminating = 0;
    for (const pod of this.pods) {
      if (pod.role !== role || pod.gone) continue;
      if (pod.terminating) terminating++;
      else {
        current++;
        if (pod.ready) ready++;
      }
    }
    return { replicas: this.desired[role], current, ready, terminating };
  }

  route(routing: Routing): void {
    this.catchUp();
    this.routing = routing;
    this.topologyChanged();
  }

  setFlag(percent: number): void {
    this.catchUp();
    this.flagPercent = Math.max(0, Math.min(100, percent));
    this.journal.record({ t: this.clock.now(), type: 'flag', percent: this.flagPercent });
    if (this.flagPercent > 0) this.runMigration();
    this.topologyChanged();
  }

  revertMigration(): void {
    const db = this.release.dbMismatch;
    if (!db || this.schema !== 2) return;
    this.clock.after(
      db.revertDurationMs,
      () => {
        this.catchUp();
        this.schema = 1;
        this.engine.topologyChanged(this.clock.now());
      },
      Priority.world,
    );
  }

  subscribe(listener: (event: TargetEvent) => void): void {
    this.listeners.push(listener);
  }

  faultOnsetAt(): Millis | null {
    return this.onset;
  }

  // ----- for the traffic engines ----------------------------------------------------------

  /** Whether user traffic may reach a role at all under the current routing. */
  routable(role: Role): boolean {
    return routable(this.routing, role);
  }

  /**
   * The serving pod that takes a user request under the current routing, or null (the
   * router's own 503); `picked.role` says which role it was meant for.
   */
  pickPod(headerRouted: boolean): Pod | null {
    return pickServing(
      this.routing,
      this.serving.stable,
      this.serving.canary,
      this.rng,
      headerRouted,
      this.picked,
    );
  }

  /** The role of the last `pickPod`. */
  readonly picked: PickedRole = { role: 'stable' };

  /** Probability that a request carries a header some header route sends to the canary. */
  headerToCanary = 0;

  /** A pinned session can stay on this pod: it serves and its role still gets traffic. */
  pinnable(pod: Pod): boolean {
    return pod.serving && this.routable(pod.role);
  }

  /** Record the first moment faulty code served a request (engines call this). */
  markOnset(t: Millis, detail: string): void {
    if (this.onset !== null) return;
    this.onset = t;
    this.journal.record({ t, type: 'faultOnset', detail });
    this.emit({ type: 'faultOnset', detail });
  }

  /** Simulate traffic up to the current time. */
  catchUp(): void {
    const now = this.clock.now();
    if (now > this.simulatedTo) {
      this.engine.advance(this.simulatedTo, now);
      this.simulatedTo = now;
    }
  }

  /**
   * End of the trial: traffic up to t, the last partial second closed. No final scrape:
   * nothing queries the series after the end.
   */
  finish(t: Millis): void {
    if (t > this.simulatedTo) {
      this.engine.advance(this.simulatedTo, t);
      this.simulatedTo = t;
    }
    this.engine.finish(t);
  }

  // ----- internals --------------------------------------------------------------------

  private createPod(role: Role, createdAt: Millis, readyAt: Millis): Pod {
    const n = this.podSeq[role]++;
    const name = `${this.scenario.name}-${role}-${n}`;
    const pod = new Pod(
      this.pods.length,
      name,
      role,
      createdAt,
      readyAt,
      this.scenario.service.pool.size,
      this.combos,
    );
    this.pods.push(pod);
    return pod;
  }

  private podReady(pod: Pod): void {
    if (pod.terminating || pod.gone) return;
    this.catchUp();
    pod.ready = true;
    const t = this.clock.now();
    this.journal.record({ t, type: 'pod', role: pod.role, pod: pod.name, state: 'ready' });
    this.topologyChanged();
    this.emit({ type: 'podReady', role: pod.role, pod: pod.name });
  }

  private terminate(pod: Pod): void {
    const t = this.clock.now();
    pod.terminating = true;
    pod.terminatingAt = t;
    const drain = Math.min(DRAIN_MS, this.scenario.service.terminationGracePeriodMs);
    this.clock.at(
      t + drain,
      () => {
        this.catchUp();
        pod.gone = true;
        this.journal.record({
          t: this.clock.now(),
          type: 'pod',
          role: pod.role,
          pod: pod.name,
          state: 'terminated',
        });
        this.topologyChanged();
        this.emit({ type: 'podTerminated', role: pod.role, pod: pod.name });
      },
      Priority.world,
    );
  }

  /**
   * v2's migration runs when v2 code is first deployed: when its first pod starts (the
   * service migrates before it listens, as src/service does), or the flag is first
   * turned on.
   */
  private runMigration(): void {
    if (this.migrationRan || !this.release.dbMismatch) return;
    this.migrationRan = true;
    this.schema = 2;
    this.markOnset(this.clock.now(), 'v2 migration applied to the shared database');
  }

  private topologyChanged(): void {
    this.refreshServing();
    this.refreshHeaderShare();
    const t = this.clock.now();
    this.engine?.topologyChanged(t);
    this.journalRouting(t);
  }

  private refreshHeaderShare(): void {
    let p = 0;
    for (const h of this.scenario.traffic.headers) {
      if (matchesHeaderRoute(this.routing.headerRoutes, h.name, h.value)) p += h.share;
    }
    this.headerToCanary = Math.min(1, p);
  }

  private refreshServing(): void {
    this.serving.stable = this.pods.filter((p) => p.role === 'stable' && p.serving);
    this.serving.canary = this.pods.filter((p) => p.role === 'canary' && p.serving);
  }

  /** The share of user requests the canary pods now receive (as routing intends it). */
  canaryPercent(): number {
    const split = this.routing.split;
    if (split.kind === 'weight') return split.canaryWeight;
    const s = split.selector.includes('stable') ? this.serving.stable.length : 0;
    const c = split.selector.includes('canary') ? this.serving.canary.length : 0;
    return s + c === 0 ? 0 : (100 * c) / (s + c);
  }

  private journalRouting(t: Millis): void {
    const canaryPercent = Math.round(this.canaryPercent() * 10) / 10;
    const mirror = this.routing.mirrorPercent;
    const split = this.routing.split;
    const detail =
      split.kind === 'weight'
        ? `weight canary=${split.canaryWeight}`
        : `service selects ${split.selector.join('+')} (${this.serving.stable.length} stable, ${this.serving.canary.length} canary ready)`;
    const key = `${canaryPercent}|${mirror}|${split.kind}|${split.kind === 'endpoints' ? split.selector.join('+') : ''}`;
    if (key === this.lastRoutingKey) return;
    this.lastRoutingKey = key;
    this.journal.record({ t, type: 'routing', canaryPercent, mirrorPercent: mirror, detail });
  }

  private scheduleScrape(t: Millis): void {
    this.clock.at(
      t,
      () => {
        this.catchUp();
        const now = this.clock.now();
        this.engine.beforeScrape(now);
        this.recorder.scrape(now, this.pods, (pod) => this.engine.inUse(pod, now));
        this.scheduleScrape(now + this.scenario.scrapeIntervalMs);
      },
      Priority.scrape,
    );
  }

  private emit(event: TargetEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
