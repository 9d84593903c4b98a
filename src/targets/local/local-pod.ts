/**
 * One pod of the local backend, as a kubelet runs it: a replica process started, probed
 * for readiness at a period (`GET /ready`, kubelet's defaults: a 1 s timeout — real time,
 * it is a request — and 3 failures in a row to become unready, 1 success to be ready), restarted with exponential back-off when it
 * exits without being asked (CrashLoopBackOff: 10 s, 20 s, 40 s … capped at 5 min, reset
 * after 10 min running, all in scenario time), and terminated gracefully (SIGTERM, then
 * SIGKILL after the grace period).
 *
 * Times given to a pod are real milliseconds (the target divides scenario times by the
 * time scale); the pod never reads the lab's Clock, so it works before a trial's clock
 * starts (warming the initial replicas).
 */
import { httpProbe } from './http-probe.js';
import { describe, type ReplicaExit, type ReplicaProcess } from './replica-process.js';

/** Kubelet's readiness probe defaults: timeoutSeconds 1, failureThreshold 3. */
const PROBE_TIMEOUT_MS = 1000;
const FAILURE_THRESHOLD = 3;

export type PodPhase = 'starting' | 'running' | 'backoff' | 'terminating' | 'gone';

export interface PodTimings {
  /** Readiness probe period, real ms. */
  readonly probePeriodMs: number;
  /** First crash back-off, real ms (kubelet: 10 s scenario). */
  readonly backoffBaseMs: number;
  /** Back-off cap, real ms (kubelet: 5 min scenario). */
  readonly backoffMaxMs: number;
  /** Running this long resets the back-off, real ms (kubelet: 10 min scenario). */
  readonly backoffResetMs: number;
  /** SIGKILL this long after SIGTERM, real ms. */
  readonly graceMs: number;
}

export interface PodHooks {
  /** The replica listens on `port` (not ready yet). */
  listening(pod: LocalPod): void;
  /** Readiness changed (probe result or termination). */
  readiness(pod: LocalPod): void;
  /** The replica exited without being asked. */
  crashed(pod: LocalPod, exit: ReplicaExit): void;
  /** The pod is gone after termination. */
  gone(pod: LocalPod): void;
}

export class LocalPod {
  phase: PodPhase = 'starting';
  ready = false;
  /** Restarts after crashes (kubectl's RESTARTS). */
  restarts = 0;
  process: ReplicaProcess | null = null;
  private probeTimer: NodeJS.Timeout | null = null;
  private backoffTimer: NodeJS.Timeout | null = null;
  private startedAtReal = 0;
  private backoffMs = 0;
  private probeFailures = 0;
  private terminated: Promise<void> | null = null;

  constructor(
    readonly name: string,
    readonly role: 'stable' | 'canary',
    /** Scenario time the pod was created (ReplicaSet scale-down order: newest first). */
    readonly createdAt: number,
    readonly seq: number,
    private readonly spawnReplica: () => ReplicaProcess,
    private readonly timings: PodTimings,
    private readonly hooks: PodHooks,
  ) {}

  /** The port of the running replica, or null. */
  get port(): number | null {
    return this.phase === 'running' || this.phase === 'terminating' ? (this.process?.port ?? null) : null;
  }

  /** Created and not terminating (counts toward the ReplicaSet's current pods). */
  get alive(): boolean {
    return this.phase === 'starting' || this.phase === 'running' || this.phase === 'backoff';
  }

  start(): void {
    if (!this.alive) return;
    this.phase = 'starting';
    this.startedAtReal = performance.now();
    const proc = this.spawnReplica();
    this.process = proc;
    proc.listening.then(
      () => {
        if (this.process !== proc || this.phase !== 'starting') return;
        this.phase = 'running';
        this.hooks.listening(this);
        this.probe();
      },
      () => {}, // an exit before listening is handled below
    );
    void proc.exited.then((exit) => this.onExit(proc, exit));
  }

  /**
   * Terminate: not ready at once (the caller takes it out of the endpoints first), then
   * SIGTERM, SIGKILL after the grace period. `beforeSignal` may wait (e.g. for the router
   * to drain it). Resolves when the pod is gone.
   */
  terminate(beforeSignal: () => Promise<void> = async () => {}): Promise<void> {
    if (this.terminated) return this.terminated;
    const wasRunning = this.phase === 'running' || this.phase === 'starting';
    this.phase = 'terminating';
    this.clearTimers();
    if (this.ready) {
      this.ready = false;
      this.hooks.readiness(this);
    }
    const proc = this.process;
    this.terminated = (async () => {
      if (proc && wasRunning && proc.running) {
        await beforeSignal();
        await proc.terminate(this.timings.graceMs);
      }
      this.phase = 'gone';
      this.hooks.gone(this);
    })();
    return this.terminated;
  }

  /** SIGKILL now (lab shutdown); resolves when the process is gone. */
  async kill(): Promise<void> {
    this.clearTimers();
    const wasGone = this.phase === 'gone';
    this.phase = 'gone';
    if (this.process?.running) await this.process.kill();
    if (!wasGone) this.ready = false;
  }

  private probe(): void {
    const proc = this.process;
    const port = proc?.port;
    if (this.phase !== 'running' || !proc || port == null) return;
    const period = this.timings.probePeriodMs;
    void httpProbe(port, '/ready', PROBE_TIMEOUT_MS).then((ok) => {
      if (this.process !== proc || this.phase !== 'running') return;
      this.probeFailures = ok ? 0 : this.probeFailures + 1;
      const ready = ok || (this.ready && this.probeFailures < FAILURE_THRESHOLD);
      if (ready !== this.ready) {
        this.ready = ready;
        this.hooks.readiness(this);
      }
      this.probeTimer = setTimeout(() => this.probe(), period);
    });
  }

  private onExit(proc: ReplicaProcess, exit: ReplicaExit): void {
    if (this.process !== proc) return;
    if (this.phase === 'terminating' || this.phase === 'gone') return;
    this.clearTimers();
    this.ready = false;
    this.phase = 'backoff';
    const ranMs = performance.now() - this.startedAtReal;
    if (ranMs >= this.timings.backoffResetMs) this.backoffMs = 0;
    this.backoffMs =
      this.backoffMs === 0
        ? this.timings.backoffBaseMs
        : Math.min(this.timings.backoffMaxMs, this.backoffMs * 2);
    this.hooks.crashed(this, exit);
    this.backoffTimer = setTimeout(() => {
      this.backoffTimer = null;
      if (this.phase !== 'backoff') return;
      this.restarts++;
      this.start();
    }, this.backoffMs);
  }

  private clearTimers(): void {
    if (this.probeTimer) clearTimeout(this.probeTimer);
    if (this.backoffTimer) clearTimeout(this.backoffTimer);
    this.probeTimer = this.backoffTimer = null;
  }

  /** Why the last run ended, for messages. */
  lastExit(): string {
    const e = this.process?.exit;
    return e ? describe(e) : 'running';
  }
}
