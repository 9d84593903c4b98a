/**
 * The synthetic service's flags for one replica of a scenario, with the scenario's
 * timeline compressed by the time scale k (scenario time = real time × k):
 * - startup, termination grace, slow warm-up: divided by k (they are moments on the
 *   rollout's timeline);
 * - the connection leak: leakPerRequest × k (capped at 1). The load keeps the scenario's
 *   real request rate (see local-load.ts), so each scenario second carries 1/k of the
 *   scenario's requests; leaking k times as often per request drains a pool in the same
 *   scenario time as in the scenario (its "fault ramp");
 * - request-level physics stay real: service time, acquire timeout, injected delays,
 *   error rates. They are what the analysis measures.
 */
import type { FaultModel, Scenario } from '../../scenario/model.js';
import type { Role } from '../target.js';

export interface ReplicaArgsOptions {
  readonly scenario: Scenario;
  readonly role: Role;
  readonly pod: string;
  readonly dbPath: string;
  readonly timeScale: number;
  readonly seed: number;
}

/** The release a role runs: stable is v1, the canary ReplicaSet is v2. */
export function releaseOf(role: Role): 'v1' | 'v2' {
  return role === 'stable' ? 'v1' : 'v2';
}

/** The fault with its timeline compressed by k. */
export function scaledFault(fault: FaultModel, k: number): FaultModel {
  switch (fault.type) {
    case 'connectionLeak':
      return { ...fault, leakPerRequest: Math.min(1, fault.leakPerRequest * k) };
    case 'slowWarmUp':
      return { ...fault, warmUpMs: fault.warmUpMs / k };
    case 'dbSchemaMismatch':
      return { ...fault, revertDurationMs: fault.revertDurationMs / k };
    default:
      return fault;
  }
}

export function replicaArgs(o: ReplicaArgsOptions): string[] {
  const s = o.scenario.service;
  const k = o.timeScale;
  return [
    '--host',
    '127.0.0.1',
    '--port',
    '0',
    '--version',
    o.role,
    '--release',
    releaseOf(o.role),
    '--pod',
    o.pod,
    '--db',
    o.dbPath,
    '--pool-size',
    String(s.pool.size),
    '--acquire-timeout-ms',
    String(s.pool.acquireTimeoutMs),
    '--p50-ms',
    String(s.latency.p50Ms),
    '--p99-ms',
    String(s.latency.p99Ms),
    '--error-rate',
    String(s.errorRate),
    '--startup-ms',
    String(s.startupMs / k),
    '--termination-grace-ms',
    String(s.terminationGracePeriodMs / k),
    '--fault',
    JSON.stringify(scaledFault(o.scenario.fault, k)),
    '--routes',
    JSON.stringify(s.routes),
    '--seed',
    String(o.seed >>> 0),
    '--exit-on-stdin-close',
    'always',
    // Sessions in pod memory only when the router pins users to pods (as the simulator
    // assumes): without affinity a real service keeps them in a shared store.
    '--session-store',
    o.scenario.affinity === 'none' ? 'shared' : 'memory',
  ];
}
