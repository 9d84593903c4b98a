/**
 * The built-in load generator's options and results. Times in milliseconds; "trial time"
 * is time since the trial started (the journal's clock), and the generator's own time
 * starts at `offsetMs` of trial time.
 */
import type { ClientKind, Tallies } from '../../journal/journal.js';
import type { RouteModel, TrafficModel } from '../../scenario/model.js';
import type { Role } from '../../targets/target.js';
import type { Spacing } from './arrivals.js';
import type { RequestKind } from './contract.js';

export interface LoadOptions {
  /** Base URL of the target (the router or a pod): http://127.0.0.1:PORT; anything else is refused. */
  readonly target: string;
  /** Arrival rate profile, client mix, sessions, headers. */
  readonly traffic: TrafficModel;
  /** The service's routes and their shares. */
  readonly routes: readonly RouteModel[];
  /** Arrivals are scheduled in [0, durationMs) of generator time. */
  readonly durationMs: number;
  /** Hard bound on requests scheduled. */
  readonly maxRequests: number;
  readonly seed: number;
  /** Arrival spacing; default poisson. */
  readonly spacing?: Spacing;
  /** Most requests in flight; an arrival beyond it is dropped (counted, never sent). Default 512. */
  readonly maxInFlight?: number;
  /** A request not answered within this time fails as a timeout, ms. Default 10,000. */
  readonly timeoutMs?: number;
  /** Tallies to fill (a journal's); default new ones covering offsetMs + durationMs. */
  readonly tallies?: Tallies;
  /** Trial time at which the generator starts, ms. Default 0. */
  readonly offsetMs?: number;
  /** Trial time from which a session's failure counts it as affected. Default 0. */
  readonly releaseAtMs?: number;
  /** The service's baseline failure probability, for the expected affected sessions. Default 0. */
  readonly baselineErrorRate?: number;
  /** The router's running count of mirrored copies, sampled every second into the tallies. */
  readonly mirroredCount?: () => number;
  /** The role a request failed without a response was meant for (the router knows). Default: stable. */
  readonly attributeRole?: (requestId: string) => Role | undefined;
  /** Keep one record per request in the result (tests, benchmarks). Default false. */
  readonly keepRecords?: boolean;
  /** A request sent later than this after its scheduled time is late, ms. Default 10. */
  readonly lateThresholdMs?: number;
  /** Stops scheduling; requests in flight are cancelled. */
  readonly signal?: AbortSignal;
}

export type RequestOutcome = 'ok' | 'status' | 'shape' | 'timeout' | 'connection' | 'dropped';

/** One arrival, as the generator saw it. Times are generator time, ms. */
export interface RequestRecord {
  readonly scheduledMs: number;
  /** When it was handed to the HTTP client (NaN when dropped). */
  readonly sentMs: number;
  /** When the response was read in full or the request failed (NaN when dropped). */
  readonly doneMs: number;
  readonly requestId: string;
  readonly request: RequestKind;
  readonly kind: ClientKind;
  /** Session user id, or -1 for an anonymous API client. */
  readonly session: number;
  /** Role that served it (from x-served-role), or as attributed. */
  readonly role: Role;
  /** HTTP status, 0 without a response. */
  readonly status: number;
  readonly outcome: RequestOutcome;
}

/** Percentiles of a sample, ms (NaN when empty). */
export interface Percentiles {
  readonly count: number;
  readonly p50: number;
  readonly p90: number;
  readonly p99: number;
  readonly max: number;
}

export interface LoadResult {
  readonly tallies: Tallies;
  readonly scheduled: number;
  readonly sent: number;
  /** Requests that failed as the client saw them (dropped ones not included). */
  readonly failed: number;
  /** Arrivals not sent because maxInFlight requests were already in flight. */
  readonly dropped: number;
  /** Dropped arrivals per second of trial time. */
  readonly droppedPerSecond: readonly number[];
  readonly outcomes: Readonly<Record<RequestOutcome, number>>;
  /** Send time − scheduled time, over sent requests. */
  readonly lateness: Percentiles & {
    /** Requests sent more than lateThresholdMs after their scheduled time. */
    readonly late: number;
    readonly lateShare: number;
  };
  /** Latency from the scheduled time, over completed requests (failures included). */
  readonly latency: Percentiles;
  /** Generator time from start until the last request ended, ms. */
  readonly elapsedMs: number;
  /** One per arrival, in scheduled order (with keepRecords). */
  readonly records: readonly RequestRecord[] | undefined;
}
