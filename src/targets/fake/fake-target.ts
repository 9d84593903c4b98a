/**
 * A Target for tests: two ReplicaSets of pods on an injected clock, nothing else. A new pod
 * becomes ready `startupMs` after it is created; a pod asked to go away stops being ready at
 * once (it leaves the endpoints, as in Kubernetes) and is gone `drainMs` later. It emits the
 * same events as the real worlds, optionally journals what the world journals (routing,
 * pod, flag), and records every call so a test can assert the control plane's script.
 */
import type { Clock } from '../../clock/clock.js';
import { Priority } from '../../clock/clock.js';
import type { Journal } from '../../journal/journal.js';
import type { Millis } from '../../scenario/model.js';
import {
  type ReplicaSetStatus,
  type Role,
  type Routing,
  STABLE_ONLY,
  type Target,
  type TargetEvent,
} from '../target.js';

export type FakeCall =
  | { readonly t: Millis; readonly op: 'scale'; readonly role: Role; readonly replicas: number }
  | { readonly t: Millis; readonly op: 'route'; readonly routing: Routing }
  | { readonly t: Millis; readonly op: 'setFlag'; readonly percent: number }
  | { readonly t: Millis; readonly op: 'revertMigration' };

export interface FakeTargetOptions {
  readonly clock: Clock;
  /** Ready pods per ReplicaSet at the start. */
  readonly initial: { readonly stable: number; readonly canary?: number };
  /** From pod creation to readiness, ms. */
  readonly startupMs: Millis;
  /** From the request to terminate until the pod is gone, ms. */
  readonly drainMs: Millis;
  /** When given, the fake journals `routing`, `pod` and `flag` events as the real worlds do. */
  readonly journal?: Journal;
  readonly routing?: Routing;
}

type PodState = 'starting' | 'ready' | 'terminating';

interface Pod {
  readonly name: string;
  readonly role: Role;
  readonly seq: number;
  state: PodState;
  timer: number | null;
}

export class FakeTarget implements Target {
  /** Every call the controller made, in order, with its time. */
  readonly calls: FakeCall[] = [];
  private readonly clock: Clock;
  private readonly pods: Pod[] = [];
  private readonly desired: Record<Role, number> = { stable: 0, canary: 0 };
  private readonly listeners: ((event: TargetEvent) => void)[] = [];
  private routingNow: Routing;
  private flagPercent = 0;
  private seq = 0;
  private onset: Millis | null = null;

  constructor(private readonly options: FakeTargetOptions) {
    this.clock = options.clock;
    this.routingNow = options.routing ?? STABLE_ONLY;
    for (const role of ['stable', 'canary'] as const) {
      const n = options.initial[role] ?? 0;
      this.desired[role] = n;
      for (let i = 0; i < n; i++) this.pods.push(this.newPod(role, 'ready'));
    }
  }

  scale(role: Role, replicas: number): void {
    if (!Number.isInteger(replicas) || replicas < 0)
      throw new Error(`scale ${role}: bad replica count ${replicas}`);
    this.calls.push({ t: this.clock.now(), op: 'scale', role, replicas });
    this.desired[role] = replicas;
    const active = this.active(role);
    if (active.length < replicas) {
      for (let i = active.length; i < replicas; i++) this.startPod(role);
    } else {
      // Kubernetes deletes not-ready pods before ready ones, then the newest first.
      const victims = [...active]
        .sort((a, b) => (a.state === b.state ? b.seq - a.seq : a.state === 'starting' ? -1 : 1))
        .slice(0, active.length - replicas);
      for (const pod of victims) this.terminate(pod);
    }
  }

  status(role: Role): ReplicaSetStatus {
    const mine = this.pods.filter((p) => p.role === role);
    return {
      replicas: this.desired[role],
      current: mine.filter((p) => p.state !== 'terminating').length,
      ready: mine.filter((p) => p.state === 'ready').length,
      terminating: mine.filter((p) => p.state === 'terminating').length,
    };
  }

  route(routing: Routing): void {
    this.calls.push({ t: this.clock.now(), op: 'route', routing });
    this.routingNow = routing;
    this.options.journal?.record({
      t: this.clock.now(),
      type: 'routing',
      canaryPercent: this.canaryPercent(),
      mirrorPercent: routing.mirrorPercent,
      detail: describeRouting(routing),
    });
  }

  setFlag(percent: number): void {
    this.calls.push({ t: this.clock.now(), op: 'setFlag', percent });
    this.flagPercent = percent;
    this.options.journal?.record({ t: this.clock.now(), type: 'flag', percent });
  }

  revertMigration(): void {
    this.calls.push({ t: this.clock.now(), op: 'revertMigration' });
  }

  subscribe(listener: (event: TargetEvent) => void): void {
    this.listeners.push(listener);
  }

  faultOnsetAt(): Millis | null {
    return this.onset;
  }

  // ---- for tests -------------------------------------------------------------------------

  routing(): Routing {
    return this.routingNow;
  }

  flag(): number {
    return this.flagPercent;
  }

  /** Expected percent of user requests served by the canary under the current routing and pods. */
  canaryPercent(): number {
    const split = this.routingNow.split;
    if (split.kind === 'weight') return split.canaryWeight;
    const ready = (role: Role) => (split.selector.includes(role) ? this.status(role).ready : 0);
    const total = ready('stable') + ready('canary');
    return total === 0 ? 0 : (100 * ready('canary')) / total;
  }

  /** A ready pod of `role` fails its readiness probe (podCrashed); the ReplicaSet replaces it. */
  crash(role: Role): void {
    const pod = this.pods.find((p) => p.role === role && p.state === 'ready');
    if (!pod) throw new Error(`no ready ${role} pod to crash`);
    this.removePod(pod);
    this.emit({ type: 'podCrashed', role, pod: pod.name }, 'crashed');
    this.startPod(role);
  }

  /** Calls of one kind, for terse assertions. */
  callsOf<K extends FakeCall['op']>(op: K): Extract<FakeCall, { op: K }>[] {
    return this.calls.filter((c): c is Extract<FakeCall, { op: K }> => c.op === op);
  }

  // ---- pods ------------------------------------------------------------------------------

  private active(role: Role): Pod[] {
    return this.pods.filter((p) => p.role === role && p.state !== 'terminating');
  }

  private newPod(role: Role, state: PodState): Pod {
    this.seq += 1;
    return { name: `${role}-${this.seq}`, role, seq: this.seq, state, timer: null };
  }

  private startPod(role: Role): void {
    const pod = this.newPod(role, 'starting');
    this.pods.push(pod);
    pod.timer = this.clock.after(
      this.options.startupMs,
      () => {
        pod.timer = null;
        pod.state = 'ready';
        this.emit({ type: 'podReady', role, pod: pod.name }, 'ready');
      },
      Priority.world,
    );
  }

  private terminate(pod: Pod): void {
    if (pod.timer !== null) this.clock.cancel(pod.timer);
    pod.state = 'terminating';
    pod.timer = this.clock.after(
      this.options.drainMs,
      () => {
        this.removePod(pod);
        this.emit({ type: 'podTerminated', role: pod.role, pod: pod.name }, 'terminated');
      },
      Priority.world,
    );
  }

  private removePod(pod: Pod): void {
    if (pod.timer !== null) this.clock.cancel(pod.timer);
    const i = this.pods.indexOf(pod);
    if (i >= 0) this.pods.splice(i, 1);
  }

  private emit(
    event: TargetEvent & { pod: string; role: Role },
    state: 'ready' | 'terminated' | 'crashed',
  ): void {
    this.options.journal?.record({
      t: this.clock.now(),
      type: 'pod',
      role: event.role,
      pod: event.pod,
      state,
    });
    for (const listener of this.listeners) listener(event);
  }
}

/** "weight 20, header x-canary, mirror 10%" — a routing for humans. */
export function describeRouting(routing: Routing): string {
  const split =
    routing.split.kind === 'weight'
      ? `weight ${routing.split.canaryWeight}`
      : `endpoints ${routing.split.selector.join('+')}`;
  const headers = routing.headerRoutes.map((h) => `header ${h.headerName}`);
  const mirror = routing.mirrorPercent > 0 ? [`mirror ${routing.mirrorPercent}%`] : [];
  return [split, ...headers, ...mirror].join(', ');
}
