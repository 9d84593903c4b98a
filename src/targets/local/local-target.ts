/**
 * The local backend's Target: ReplicaSets of real service processes on 127.0.0.1 behind
 * the lab's router, so every strategy runs unchanged on real processes.
 *
 * - scale: pods are started as replica processes (local-pod.ts) and become ready when
 *   their `/ready` probe passes; scale-down takes not-ready pods first, then the newest,
 *   as a ReplicaSet does; a terminating pod leaves the router's endpoints first, is
 *   drained by the router, then gets SIGTERM (SIGKILL after the grace period).
 * - route: the router's routing (router/router.ts).
 * - setFlag: `POST /admin/flag?percent=P` on every v1 replica (service/feature-flag.ts),
 *   and on each new one before it is ready.
 * - revertMigration: after the release's revertDuration (scaled), the service's down
 *   migration command (`--revert-migration`), as the simulator flips the schema back
 *   after that time.
 * - events and journal: `pod` (ready, crashed, terminated), `routing`, `flag`, as the
 *   simulated world journals them; `faultOnset` is settled at the end of the trial from
 *   what the load saw (see {@link LocalTarget.settleOnset}).
 *
 * Lifecycle: `warmUp()` starts the initial stable replicas and waits until all are
 * ready, before the trial's clock exists; `attach()` then gives it the clock and journal.
 * `shutdown()` kills every replica.
 */
import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Clock } from '../../clock/clock.js';
import type { Journal } from '../../journal/journal.js';
import type { Millis, Scenario } from '../../scenario/model.js';
import { deriveSeed } from '../../stats/rng.js';
import { scaleDownVictims } from '../replica-set.js';
import { onsetDetail } from '../sim/per-request.js';
import {
  type ReplicaSetStatus,
  type Role,
  type Routing,
  STABLE_ONLY,
  type Target,
  type TargetEvent,
} from '../target.js';
import { killGroup, trackChild } from './child-registry.js';
import { httpPost } from './http-probe.js';
import { LocalPod, type PodTimings } from './local-pod.js';
import { ReplicaProcess } from './replica-process.js';
import type { Router } from './router/router.js';
import { RoutingJournal } from './routing-journal.js';
import type { Scraper } from './scraper.js';
import { replicaArgs } from './service-args.js';

export interface LocalTargetOptions {
  readonly scenario: Scenario;
  /** Scenario ms per real ms. */
  readonly timeScale: number;
  readonly seed: number;
  readonly router: Router;
  /** The service's entry script. */
  readonly serviceMain: string;
  /** The trial's temporary directory (the shared database lives there). */
  readonly dir: string;
  /** Readiness probe period, scenario ms. Default 1 s (the simulator has pods ready at once). */
  readonly probePeriodMs?: Millis;
}

interface Attached {
  readonly clock: Clock;
  readonly journal: Journal;
  readonly scraper: Scraper;
}

/** Kubelet's CrashLoopBackOff constants, scenario ms. */
const BACKOFF = { baseMs: 10_000, maxMs: 300_000, resetMs: 600_000 };

export class LocalTarget implements Target {
  readonly dbPath: string;
  private readonly pods: LocalPod[] = [];
  private readonly desired: Record<Role, number> = { stable: 0, canary: 0 };
  private readonly seq: Record<Role, number> = { stable: 0, canary: 0 };
  private readonly listeners: ((event: TargetEvent) => void)[] = [];
  private readonly timings: PodTimings;
  private attached: Attached | null = null;
  private routingJournal: RoutingJournal | null = null;
  private routing: Routing = STABLE_ONLY;
  private flagPercent = 0;
  private migrationAt: Millis | null = null;
  private mirrorSeenAt: Millis | null = null;
  /** When v2 code could first answer a user: the first ready canary pod, or the flag first on. */
  private v2ServableAt: Millis | null = null;
  private onsetEmitted = false;
  private readonly pendingWork = new Set<Promise<unknown>>();
  private mirrorPoll: NodeJS.Timeout | null = null;
  private closed = false;

  constructor(private readonly o: LocalTargetOptions) {
    this.dbPath = join(o.dir, 'orders.db');
    const k = o.timeScale;
    const s = o.scenario.service;
    this.timings = {
      probePeriodMs: Math.max(20, (o.probePeriodMs ?? 1000) / k),
      backoffBaseMs: BACKOFF.baseMs / k,
      backoffMaxMs: BACKOFF.maxMs / k,
      backoffResetMs: BACKOFF.resetMs / k,
      // SIGKILL a little after the service's own grace (it cuts requests and exits at its end).
      graceMs: s.terminationGracePeriodMs / k + 1000,
    };
    o.router.setRouting(this.routing);
  }

  /** Start the scenario's stable replicas and wait until every one is ready (real ms deadline). */
  async warmUp(deadlineMs = 60_000): Promise<void> {
    this.desired.stable = this.o.scenario.service.replicas;
    for (let i = 0; i < this.desired.stable; i++)
      this.createPod('stable', -this.o.scenario.service.startupMs);
    const until = performance.now() + deadlineMs;
    while (this.status('stable').ready < this.desired.stable) {
      if (this.closed) throw new Error('local target shut down while warming up');
      if (performance.now() > until) {
        const why = this.pods.map(
          (p) => `${p.name}: ${p.phase}, ${p.lastExit()}\n${p.process?.stderr() ?? ''}`,
        );
        throw new Error(`stable replicas not ready after ${deadlineMs} ms:\n${why.join('\n')}`);
      }
      await new Promise((r) => setTimeout(r, 10));
    }
  }

  /** Start journaling on the trial's clock; journals the routing at its start, as the simulator does. */
  attach(attached: Attached): void {
    this.attached = attached;
    this.routingJournal = new RoutingJournal(attached.journal);
    for (const pod of this.pods) if (pod.port !== null) attached.scraper.addTarget(pod.port);
    this.journalRouting();
    this.pollMirror();
  }

  // ----- Target ---------------------------------------------------------------------

  scale(role: Role, replicas: number): void {
    const target = Math.max(0, Math.floor(replicas));
    this.desired[role] = target;
    const alive = this.pods.filter((p) => p.role === role && p.alive);
    if (target > alive.length) {
      for (let i = alive.length; i < target; i++) this.createPod(role, this.now());
    } else if (target < alive.length) {
      for (const pod of scaleDownVictims(alive, alive.length - target, (p) => p.seq)) this.terminate(pod);
    }
    this.topologyChanged();
  }

  status(role: Role): ReplicaSetStatus {
    let current = 0;
    let ready = 0;
    let terminating = 0;
    for (const pod of this.pods) {
      if (pod.role !== role) continue;
      if (pod.phase === 'terminating') terminating++;
      else if (pod.alive) {
        current++;
        if (pod.ready) ready++;
      }
    }
    return { replicas: this.desired[role], current, ready, terminating };
  }

  route(routing: Routing): void {
    this.routing = routing;
    this.o.router.setRouting(routing);
    this.topologyChanged();
  }

  setFlag(percent: number): void {
    this.flagPercent = Math.max(0, Math.min(100, percent));
    this.attached?.journal.record({ t: this.now(), type: 'flag', percent: this.flagPercent });
    if (this.flagPercent > 0) this.noteV2Servable();
    for (const pod of this.pods) if (pod.role === 'stable' && pod.port !== null) this.sendFlag(pod.port);
    if (this.flagPercent > 0 && this.o.scenario.fault.type === 'dbSchemaMismatch') this.noteMigration();
    this.topologyChanged();
  }

  revertMigration(): void {
    const fault = this.o.scenario.fault;
    if (fault.type !== 'dbSchemaMismatch' || this.migrationAt === null) return;
    const delay = fault.revertDurationMs / this.o.timeScale;
    this.track(
      new Promise<void>((resolve) => setTimeout(resolve, delay)).then(() =>
        this.closed ? undefined : this.runDownMigration(),
      ),
    );
  }

  subscribe(listener: (event: TargetEvent) => void): void {
    this.listeners.push(listener);
  }

  faultOnsetAt(): Millis | null {
    const candidates = [this.migrationAt, this.mirrorSeenAt].filter((t): t is number => t !== null);
    return candidates.length === 0 ? null : Math.min(...candidates);
  }

  // ----- for the trial runner ----------------------------------------------------------

  /** Pods by name with their phase, readiness and restarts (progress lines, tests). */
  podList(): readonly { name: string; role: Role; phase: string; ready: boolean; restarts: number }[] {
    return this.pods.map((p) => ({
      name: p.name,
      role: p.role,
      phase: p.phase,
      ready: p.ready,
      restarts: p.restarts,
    }));
  }

  /** Replicas listening now, with their ports (scrape targets). */
  endpoints(): { name: string; role: Role; port: number }[] {
    return this.pods.flatMap((p) => (p.port === null ? [] : [{ name: p.name, role: p.role, port: p.port }]));
  }

  /** Pids of the replica processes still running. */
  pids(): number[] {
    return this.pods.flatMap((p) => (p.process?.running && p.process.pid ? [p.process.pid] : []));
  }

  /**
   * Journal the fault onset at the end of the trial: the earliest of the first request
   * served by v2 code as the load saw it (`servedByV2At`, from the load's records: a
   * canary pod or a flagged request), the first mirrored copy the router sent, and the
   * v2 migration (database faults). Inserted in time order.
   *
   * The load knows when it *sent* a request, not when v2 served it: a request that waited
   * in the client or the kernel (a saturated machine, a connection being opened) reaches
   * the router later, possibly after v2 came up, and would put the onset before v2 could
   * serve anything — even before the release, which at a high time scale is a
   * scenario-minutes error. No request is served by v2 code before the first canary pod
   * is ready (the router routes only to ready pods) or the flag is on, so the load's time
   * is raised to that moment.
   */
  settleOnset(servedByV2At: Millis | null): Millis | null {
    const journal = this.attached?.journal;
    const candidates: [number, string][] = [];
    const fault = this.o.scenario.fault.type;
    if (servedByV2At !== null)
      candidates.push([Math.max(servedByV2At, this.v2ServableAt ?? servedByV2At), onsetDetail(fault)]);
    if (this.mirrorSeenAt !== null) candidates.push([this.mirrorSeenAt, onsetDetail(fault)]);
    if (this.migrationAt !== null)
      candidates.push([this.migrationAt, 'v2 migration applied to the shared database']);
    if (!journal || candidates.length === 0) return null;
    candidates.sort((a, b) => a[0] - b[0]);
    const [t, detail] = candidates[0];
    const events = journal.events;
    const existing = events.findIndex((e) => e.type === 'faultOnset');
    if (existing >= 0) events.splice(existing, 1);
    let i = events.length;
    while (i > 0 && events[i - 1].t > t) i--;
    events.splice(i, 0, { t, type: 'faultOnset', detail });
    return t;
  }

  /** Kill every replica (SIGKILL) and wait until they are gone. */
  async shutdown(): Promise<void> {
    this.closed = true;
    if (this.mirrorPoll) clearTimeout(this.mirrorPoll);
    await Promise.all(this.pods.map((p) => p.kill()));
    await Promise.allSettled([...this.pendingWork]);
  }

  // ----- internals --------------------------------------------------------------------

  private now(): Millis {
    return this.attached?.clock.now() ?? 0;
  }

  private createPod(role: Role, createdAt: Millis): LocalPod {
    const n = this.seq[role]++;
    const name = `${this.o.scenario.name}-${role}-${n}`;
    let starts = 0;
    const pod: LocalPod = new LocalPod(
      name,
      role,
      createdAt,
      n,
      () =>
        new ReplicaProcess({
          main: this.o.serviceMain,
          args: replicaArgs({
            scenario: this.o.scenario,
            role,
            pod: name,
            dbPath: this.dbPath,
            timeScale: this.o.timeScale,
            // Each start draws anew (a crash on start is a per-start chance).
            seed: deriveSeed(this.o.seed, name, starts++),
          }),
        }),
      this.timings,
      {
        listening: (p) => this.onListening(p),
        readiness: (p) => this.onReadiness(p),
        crashed: (p) => this.onCrashed(p),
        gone: (p) => this.onGone(p),
      },
    );
    this.pods.push(pod);
    pod.start();
    return pod;
  }

  private terminate(pod: LocalPod): void {
    const router = this.o.router;
    this.track(
      pod.terminate(async () => {
        this.syncEndpoints(pod.role);
        // Let the router finish what it sent there, within the grace period.
        await Promise.race([
          router.whenDrained(pod.name),
          new Promise((r) => setTimeout(r, this.timings.graceMs)),
        ]);
      }),
    );
  }

  private onListening(pod: LocalPod): void {
    if (pod.port === null) return;
    this.attached?.scraper.addTarget(pod.port);
    if (pod.role === 'stable' && this.flagPercent > 0) this.sendFlag(pod.port);
    // The real service runs v2's migration when a v2 replica starts, before it listens.
    if (pod.role === 'canary' && this.o.scenario.fault.type === 'dbSchemaMismatch') this.noteMigration();
    this.syncEndpoints(pod.role);
  }

  private onReadiness(pod: LocalPod): void {
    this.syncEndpoints(pod.role);
    if (pod.ready && pod.alive) {
      if (pod.role === 'canary') this.noteV2Servable();
      this.attached?.journal.record({
        t: this.now(),
        type: 'pod',
        role: pod.role,
        pod: pod.name,
        state: 'ready',
      });
      this.topologyChanged();
      this.emit({ type: 'podReady', role: pod.role, pod: pod.name });
    } else this.topologyChanged();
  }

  private onCrashed(pod: LocalPod): void {
    const port = pod.process?.port;
    if (port != null) this.attached?.scraper.removeTarget(port);
    this.syncEndpoints(pod.role);
    this.attached?.journal.record({
      t: this.now(),
      type: 'pod',
      role: pod.role,
      pod: pod.name,
      state: 'crashed',
    });
    this.topologyChanged();
    this.emit({ type: 'podCrashed', role: pod.role, pod: pod.name });
  }

  private onGone(pod: LocalPod): void {
    const port = pod.process?.port;
    if (port != null) this.attached?.scraper.removeTarget(port);
    this.syncEndpoints(pod.role);
    if (this.closed) return;
    this.attached?.journal.record({
      t: this.now(),
      type: 'pod',
      role: pod.role,
      pod: pod.name,
      state: 'terminated',
    });
    this.topologyChanged();
    this.emit({ type: 'podTerminated', role: pod.role, pod: pod.name });
  }

  private syncEndpoints(role: Role): void {
    if (this.closed) return;
    const endpoints = this.pods
      .filter((p) => p.role === role && p.port !== null && p.phase !== 'gone')
      .map((p) => ({
        name: p.name,
        url: `http://127.0.0.1:${p.port}`,
        ready: p.ready,
        terminating: p.phase === 'terminating',
      }));
    this.o.router.setEndpoints(role, endpoints);
  }

  private topologyChanged(): void {
    this.journalRouting();
  }

  private journalRouting(): void {
    if (!this.routingJournal) return;
    const ready = (role: Role) => this.pods.filter((p) => p.role === role && p.alive && p.ready).length;
    this.routingJournal.update(this.now(), this.routing, ready('stable'), ready('canary'));
  }

  private sendFlag(port: number): void {
    this.track(httpPost(port, `/admin/flag?percent=${this.flagPercent}`, 5_000));
  }

  private noteV2Servable(): void {
    if (this.v2ServableAt === null && this.attached) this.v2ServableAt = this.now();
  }

  private noteMigration(): void {
    if (this.migrationAt !== null || !this.attached) return;
    this.migrationAt = this.now();
    this.emitOnset('v2 migration applied to the shared database');
  }

  /** The first mirrored copy the router sends is v2 code serving a request (a shadow's onset). */
  private pollMirror(): void {
    if (this.closed || this.mirrorSeenAt !== null) return;
    if (this.o.router.stats().mirrored > 0) {
      this.mirrorSeenAt = this.now();
      this.emitOnset(onsetDetail(this.o.scenario.fault.type));
      return;
    }
    this.mirrorPoll = setTimeout(() => this.pollMirror(), 10);
  }

  private emitOnset(detail: string): void {
    if (this.onsetEmitted) return;
    this.onsetEmitted = true;
    this.emit({ type: 'faultOnset', detail });
  }

  private runDownMigration(): Promise<void> {
    return new Promise((resolve) => {
      const child = spawn(process.execPath, [this.o.serviceMain, '--revert-migration', '--db', this.dbPath], {
        stdio: ['ignore', 'ignore', 'ignore'],
        detached: true,
      });
      trackChild(child);
      const timer = setTimeout(() => killGroup(child, 'SIGKILL'), 30_000);
      child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      child.once('error', () => {
        clearTimeout(timer);
        resolve();
      });
    });
  }

  private track<T>(p: Promise<T>): void {
    const done = p.then(
      () => undefined,
      () => undefined,
    );
    this.pendingWork.add(done);
    void done.then(() => this.pendingWork.delete(done));
  }

  private emit(event: TargetEvent): void {
    for (const listener of this.listeners) listener(event);
  }
}
