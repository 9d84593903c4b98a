/**
 * The RolloutContext the strategies reconcile over: the rollout's status (Argo's
 * RolloutStatus, reduced to what the lab measures), its AnalysisRuns, its timers, and the
 * control-plane journal entries. Every action that changes the world or the status marks
 * the context dirty, so the controller reconciles again at once — as the informer event of
 * a patched object would in Kubernetes.
 */
import type { AnalysisRunHandle, AnalysisRunner } from '../analysis/types.js';
import type { Clock, TimerId } from '../clock/clock.js';
import { Priority } from '../clock/clock.js';
import type { AnalysisPhase, Journal } from '../journal/journal.js';
import type { Millis, RolloutAnalysisModel } from '../scenario/model.js';
import type { Detection, RolloutContext, SettledAs } from '../strategies/strategy.js';
import type { HeaderRoute, ReplicaSetStatus, Role, Routing, Target } from '../targets/target.js';

export type RolloutPhase = 'Progressing' | 'Paused' | 'Healthy' | 'Degraded';

interface RunRecord {
  readonly key: string;
  readonly name: string;
  phase: AnalysisPhase;
  handle: AnalysisRunHandle | null;
  terminated: boolean;
}

export interface ContextDeps {
  readonly clock: Clock;
  readonly target: Target;
  readonly analysis: AnalysisRunner;
  readonly journal: Journal;
  readonly name: string;
  readonly replicas: number;
  /** Reconcile again as soon as possible (deduplicated by the controller). */
  readonly enqueue: () => void;
  /** A run changed phase (not called for runs this context terminated). */
  readonly onRunPhase: (name: string, phase: AnalysisPhase) => void;
}

export class ControllerContext implements RolloutContext {
  readonly name: string;
  readonly replicas: number;
  phase: RolloutPhase = 'Progressing';
  stepIndex: number | null = null;
  abortedAt: Millis | null = null;
  fullyPromotedAt: Millis | null = null;
  promotedAt: Millis | null = null;
  routingRestoredAt: Millis | null = null;
  settledAt: Millis | null = null;
  settledAs: SettledAs | 'Paused' | null = null;
  /** The reason of the pause in force, or null. */
  pausedFor: string | null = null;
  /** Set by an Inconclusive AnalysisRun: the release halts until a human decides. */
  haltedBy: string | null = null;
  private detected: Detection | null = null;
  private routing: Routing | null = null;
  private flag: number | null = null;
  private readonly runs = new Map<string, RunRecord>();
  private readonly timers = new Map<Millis, TimerId>();

  constructor(private readonly deps: ContextDeps) {
    this.name = deps.name;
    this.replicas = deps.replicas;
  }

  now(): Millis {
    return this.deps.clock.now();
  }

  status(role: Role): ReplicaSetStatus {
    return this.deps.target.status(role);
  }

  // ---- world ---------------------------------------------------------------------------

  scale(role: Role, replicas: number): boolean {
    if (this.deps.target.status(role).replicas === replicas) return false;
    this.deps.target.scale(role, replicas);
    this.deps.journal.record({ t: this.now(), type: 'scale', role, replicas });
    this.deps.enqueue();
    return true;
  }

  route(routing: Routing): boolean {
    if (this.routing !== null && sameRouting(this.routing, routing)) return false;
    this.routing = routing;
    this.deps.target.route(routing);
    this.deps.enqueue();
    return true;
  }

  currentRouting(): Routing | null {
    return this.routing;
  }

  setFlag(percent: number): boolean {
    if (this.flag === percent) return false;
    this.flag = percent;
    this.deps.target.setFlag(percent);
    this.deps.enqueue();
    return true;
  }

  revertMigration(): void {
    this.deps.target.revertMigration();
    this.deps.journal.record({ t: this.now(), type: 'migrationReverted' });
  }

  // ---- AnalysisRuns ----------------------------------------------------------------------

  startRun(key: string, analysis: RolloutAnalysisModel): void {
    if (this.runs.has(key)) return;
    const record: RunRecord = {
      key,
      name: `${this.name}-${key}`,
      phase: 'Pending',
      handle: null,
      terminated: false,
    };
    this.runs.set(key, record);
    record.handle = this.deps.analysis.start(record.name, analysis, (phase) => {
      record.phase = phase;
      if (!record.terminated) this.deps.onRunPhase(record.name, phase);
      this.deps.enqueue();
    });
  }

  runPhase(key: string): AnalysisPhase | null {
    return this.runs.get(key)?.phase ?? null;
  }

  terminateRun(key: string): void {
    const record = this.runs.get(key);
    if (!record || record.terminated || !isRunning(record.phase)) return;
    record.terminated = true;
    record.handle?.terminate();
  }

  terminateAllRuns(): void {
    for (const key of this.runs.keys()) this.terminateRun(key);
  }

  // ---- time ----------------------------------------------------------------------------

  requeueAt(at: Millis): void {
    if (at <= this.now()) {
      this.deps.enqueue();
      return;
    }
    if (this.timers.has(at)) return;
    const id = this.deps.clock.at(
      at,
      () => {
        this.timers.delete(at);
        this.deps.enqueue();
      },
      Priority.reconcile,
    );
    this.timers.set(at, id);
  }

  cancelTimers(): void {
    for (const id of this.timers.values()) this.deps.clock.cancel(id);
    this.timers.clear();
  }

  // ---- status --------------------------------------------------------------------------

  enterStep(index: number, description: string): void {
    if (this.stepIndex === index) return;
    this.stepIndex = index;
    this.deps.journal.record({ t: this.now(), type: 'step', index, step: description });
    this.deps.enqueue();
  }

  pause(reason: string, until: Millis | null): void {
    if (this.pausedFor !== reason) {
      this.pausedFor = reason;
      if (this.detected === null) this.phase = 'Paused';
      this.deps.journal.record({ t: this.now(), type: 'paused', reason });
    }
    if (until === null) this.settlePaused();
    else this.requeueAt(until);
  }

  resume(): void {
    if (this.pausedFor === null) return;
    this.pausedFor = null;
    if (this.detected === null && this.phase === 'Paused') this.phase = 'Progressing';
    this.deps.enqueue();
  }

  markFullyPromoted(): void {
    if (this.fullyPromotedAt !== null) return;
    this.fullyPromotedAt = this.now();
    this.deps.journal.record({ t: this.now(), type: 'fullyPromoted' });
  }

  markPromoted(): void {
    if (this.promotedAt === null) this.promotedAt = this.now();
  }

  isPromoted(): boolean {
    return this.promotedAt !== null;
  }

  markRoutingRestored(): void {
    if (this.routingRestoredAt !== null) return;
    this.routingRestoredAt = this.now();
    this.deps.journal.record({ t: this.now(), type: 'routingRestored' });
  }

  settle(as: SettledAs): void {
    if (this.settledAs === as) return;
    this.settledAt = this.now();
    this.settledAs = as;
    this.phase = as;
    this.deps.journal.record({ t: this.now(), type: 'completed', phase: as });
  }

  private settlePaused(): void {
    if (this.settledAs === 'Paused') return;
    this.settledAt = this.now();
    this.settledAs = 'Paused';
    this.deps.journal.record({ t: this.now(), type: 'completed', phase: 'Paused' });
  }

  detection(): Detection | null {
    return this.detected;
  }

  /** The first detection: from now on the strategy's rollback steps run. */
  beginRollback(detection: Detection): void {
    this.detected = detection;
    this.abortedAt = detection.at;
    this.phase = 'Degraded';
    this.pausedFor = null;
    this.haltedBy = null;
    this.settledAt = null;
    this.settledAs = null;
    this.deps.enqueue();
  }
}

function isRunning(phase: AnalysisPhase): boolean {
  return phase === 'Pending' || phase === 'Running';
}

function sameRouting(a: Routing, b: Routing): boolean {
  if (a === b) return true;
  if (a.mirrorPercent !== b.mirrorPercent || !sameSplit(a.split, b.split)) return false;
  if (a.headerRoutes.length !== b.headerRoutes.length) return false;
  return a.headerRoutes.every((r, i) => sameHeaderRoute(r, b.headerRoutes[i]));
}

function sameSplit(a: Routing['split'], b: Routing['split']): boolean {
  if (a.kind === 'weight') return b.kind === 'weight' && a.canaryWeight === b.canaryWeight;
  return (
    b.kind === 'endpoints' &&
    a.selector.length === b.selector.length &&
    a.selector.every((r, i) => r === b.selector[i])
  );
}

function sameHeaderRoute(a: HeaderRoute, b: HeaderRoute): boolean {
  if (a.name !== b.name || a.headerName !== b.headerName) return false;
  const [x, y] = [a.match as Record<string, string>, b.match as Record<string, string>];
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}
