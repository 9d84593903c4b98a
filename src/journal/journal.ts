/**
 * The journal of one trial: every event with its time, and per-second traffic tallies by
 * version and client kind. Reports are built from journals only, so any report can be
 * rebuilt from them. Times are milliseconds since the trial started (simulated or real,
 * always in scenario time).
 */
import type { Millis } from '../scenario/model.js';
import type { Role } from '../targets/target.js';

export type ClientKind = 'v1Shape' | 'v2Shape';
export const CLIENT_KINDS: readonly ClientKind[] = ['v1Shape', 'v2Shape'];

export type MeasurementPhase = 'Successful' | 'Failed' | 'Inconclusive' | 'Error';
export type AnalysisPhase = 'Pending' | 'Running' | 'Successful' | 'Failed' | 'Error' | 'Inconclusive';

/** Who declared the failure. */
export type Detector = 'analysis' | 'alert' | 'human';

export type JournalEvent =
  | { readonly t: Millis; readonly type: 'releaseStarted' }
  | { readonly t: Millis; readonly type: 'step'; readonly index: number; readonly step: string }
  | { readonly t: Millis; readonly type: 'scale'; readonly role: Role; readonly replicas: number }
  | {
      readonly t: Millis;
      readonly type: 'routing';
      /** Percent of user requests that now go to the canary (expected share). */
      readonly canaryPercent: number;
      readonly mirrorPercent: number;
      readonly detail: string;
    }
  | { readonly t: Millis; readonly type: 'flag'; readonly percent: number }
  | {
      readonly t: Millis;
      readonly type: 'pod';
      readonly role: Role;
      readonly pod: string;
      readonly state: 'ready' | 'terminated' | 'crashed';
    }
  | { readonly t: Millis; readonly type: 'faultOnset'; readonly detail: string }
  | {
      readonly t: Millis;
      readonly type: 'analysisRun';
      readonly run: string;
      readonly phase: AnalysisPhase;
      readonly message?: string;
    }
  | {
      readonly t: Millis;
      readonly type: 'measurement';
      readonly run: string;
      readonly metric: string;
      readonly phase: MeasurementPhase;
      readonly value: string;
      readonly dryRun: boolean;
      readonly message?: string;
    }
  | {
      readonly t: Millis;
      readonly type: 'alert';
      readonly name: string;
      readonly state: 'pending' | 'firing' | 'inactive';
    }
  | { readonly t: Millis; readonly type: 'detected'; readonly by: Detector; readonly source: string }
  | { readonly t: Millis; readonly type: 'paused'; readonly reason: string }
  | { readonly t: Millis; readonly type: 'abort'; readonly reason: string }
  /** The control plane finished the way back: routing, selectors or flag restored to stable. */
  | { readonly t: Millis; readonly type: 'routingRestored' }
  | { readonly t: Millis; readonly type: 'migrationReverted' }
  /** All user traffic is on the new release (canary at 100%, switch done, flag at 100%). */
  | { readonly t: Millis; readonly type: 'fullyPromoted' }
  | { readonly t: Millis; readonly type: 'completed'; readonly phase: 'Healthy' | 'Degraded' | 'Paused' }
  | { readonly t: Millis; readonly type: 'end'; readonly reason: string };

export type JournalEventType = JournalEvent['type'];

/**
 * One number per second of the trial (index i is [i s, i+1 s)). Typed: the simulator adds
 * to several of them every simulated second, and a typed array stays a flat block of
 * doubles where a plain array would change representation on its first fraction.
 */
export type PerSecond = Float64Array;

/** Per-second counters of one version × client kind. */
export interface CellTallies {
  readonly requests: PerSecond;
  /** Failures as the client saw them (including parse errors the server never saw). */
  readonly failed: PerSecond;
}

export interface VersionTallies {
  /** User requests served (not counting mirrored copies). */
  readonly requests: PerSecond;
  /** Responses with a 5xx status as the server counted them. */
  readonly serverErrors: PerSecond;
  /** 99th percentile client-observed latency in that second, ms (0 when no request). */
  readonly p99Ms: PerSecond;
}

export interface Tallies {
  /** Seconds covered; index i is [i s, i+1 s). */
  readonly seconds: number;
  readonly cells: Record<`${Role}.${ClientKind}`, CellTallies>;
  readonly versions: Record<Role, VersionTallies>;
  /** Copies of requests sent to the shadow. */
  readonly mirrored: PerSecond;
  readonly sessions: {
    readonly active: PerSecond;
    /** Sessions whose first failure since the release started fell in this second. */
    readonly newlyAffected: PerSecond;
    /** Expected such sessions at the baseline failure rate (sums to the baseline expectation). */
    readonly expectedBaseline: PerSecond;
  };
}

export interface JournalHeader {
  readonly scenario: string;
  readonly strategy: string;
  readonly strategyKind: string;
  readonly trial: number;
  readonly seed: number;
  readonly backend: string;
  readonly fidelity: string;
  readonly timeScale: number;
  /** The service's baseline per-request failure probability (scenario errorRate). */
  readonly baselineErrorRate: number;
  readonly faultType: string;
  readonly releaseAt: Millis;
  /** Which detector and which way back this strategy used. */
  readonly detectors: readonly string[];
  readonly wayBack: string;
}

export interface JournalData {
  readonly header: JournalHeader;
  readonly events: readonly JournalEvent[];
  readonly tallies: Tallies;
}

function zeros(n: number): PerSecond {
  return new Float64Array(n);
}

export function emptyTallies(seconds: number): Tallies {
  const cell = (): CellTallies => ({ requests: zeros(seconds), failed: zeros(seconds) });
  const version = (): VersionTallies => ({
    requests: zeros(seconds),
    serverErrors: zeros(seconds),
    p99Ms: zeros(seconds),
  });
  return {
    seconds,
    cells: {
      'stable.v1Shape': cell(),
      'stable.v2Shape': cell(),
      'canary.v1Shape': cell(),
      'canary.v2Shape': cell(),
    },
    versions: { stable: version(), canary: version() },
    mirrored: zeros(seconds),
    sessions: { active: zeros(seconds), newlyAffected: zeros(seconds), expectedBaseline: zeros(seconds) },
  };
}

/** Collects one trial's events; the world fills `tallies` directly. */
export class Journal {
  readonly events: JournalEvent[] = [];
  readonly tallies: Tallies;
  private readonly listeners: ((event: JournalEvent) => void)[] = [];

  constructor(
    readonly header: JournalHeader,
    seconds: number,
  ) {
    this.tallies = emptyTallies(seconds);
  }

  record(event: JournalEvent): void {
    this.events.push(event);
    for (const listener of this.listeners) listener(event);
  }

  /** Observers (a TUI, a logger) see every event as it is recorded. */
  subscribe(listener: (event: JournalEvent) => void): void {
    this.listeners.push(listener);
  }

  first<T extends JournalEventType>(type: T): Extract<JournalEvent, { type: T }> | undefined {
    return this.events.find((e) => e.type === type) as Extract<JournalEvent, { type: T }> | undefined;
  }

  toData(): JournalData {
    return { header: this.header, events: this.events, tallies: this.tallies };
  }
}
