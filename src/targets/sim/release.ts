/**
 * What the release does differently, as flags the traffic engines read per request or
 * per tick: the fault, compiled from plain data into the behaviour of the v2 code path.
 */
import type { FaultModel, Millis, RouteModel } from '../../scenario/model.js';

export interface ReleaseBehaviour {
  /** Probability a v2 database request never returns its connection. */
  readonly leakPerRequest: number;
  /** Added server-side delay on v2 (service) or client-side on the path to v2 pods (network). */
  readonly delay: {
    readonly ms: number;
    readonly jitterMs: number;
    readonly share: number;
    readonly network: boolean;
  } | null;
  readonly errorSpike: { readonly rate: number; readonly sessionsOnly: boolean } | null;
  /** v1-shape clients cannot parse v2 responses; old-shape writes get 422 when rejectOldRequests. */
  readonly apiMismatch: { readonly rejectOldRequests: boolean } | null;
  /** v2's migration breaks v1's queries (unless expand/contract). */
  readonly dbMismatch: { readonly breaking: boolean; readonly revertDurationMs: Millis } | null;
}

export function releaseBehaviour(fault: FaultModel): ReleaseBehaviour {
  // `networkLoss` and `networkReset` are injected by the local backend's router only; the
  // simulator does not model them yet and runs such a scenario as a healthy release.
  // `crashOnStart` and `slowWarmUp` are real only in the synthetic service (src/service/);
  // the simulator treats them as no-ops for now (a healthy release).
  return {
    leakPerRequest: fault.type === 'connectionLeak' ? fault.leakPerRequest : 0,
    delay:
      fault.type === 'latency'
        ? { ms: fault.delayMs, jitterMs: fault.jitterMs, share: fault.share, network: fault.on === 'network' }
        : null,
    errorSpike:
      fault.type === 'errorSpike'
        ? { rate: fault.errorRate, sessionsOnly: fault.cohort === 'sessions' }
        : null,
    apiMismatch: fault.type === 'apiSchemaMismatch' ? { rejectOldRequests: fault.rejectOldRequests } : null,
    dbMismatch:
      fault.type === 'dbSchemaMismatch'
        ? { breaking: !fault.expandContract, revertDurationMs: fault.revertDurationMs }
        : null,
  };
}

/**
 * How the API contract change hits a route for a v1-shape client: reads (GET) return
 * the new shape, which the client fails to parse; writes are rejected with 422 when v2
 * rejects old-shape requests, else their response fails to parse too. Routes that do
 * not touch orders (login) are unchanged.
 */
export function apiMismatchEffect(
  route: RouteModel,
  rejectOldRequests: boolean,
): 'parse' | 'reject' | 'none' {
  if (!route.db) return 'none';
  if (route.method === 'GET') return 'parse';
  return rejectOldRequests ? 'reject' : 'parse';
}
