/**
 * What the release's fault does inside one replica, and the seeded draws that decide it
 * per request. Faults apply to the v2 release only, as in the simulator
 * (src/targets/sim/release.ts). Faults on the network path (`latency` with
 * `on: network`, `networkLoss`, `networkReset`) belong to the lab's router and do nothing here.
 */
import type { FaultModel, LatencyModel, Millis } from '../scenario/model.js';
import { randomNormal } from '../stats/random-normal.js';
import type { Rng } from '../stats/rng.js';
import type { Release } from './config.js';
import type { SkuChange } from './migrations.js';
import type { QueryDialect } from './order-queries.js';

export interface ServiceFaults {
  /** Probability (0–1) that a database request never returns its connection. */
  readonly leakPerRequest: number;
  /** Added delay after the request's work: mean and sd in ms, on a share (0–1) of requests. */
  readonly delay: { readonly meanMs: number; readonly jitterMs: number; readonly share: number } | null;
  readonly errorSpike: {
    readonly rate: number;
    readonly statusCode: number;
    /** Only requests of logged-in users (with a session cookie) can fail. */
    readonly sessionsOnly: boolean;
  } | null;
  /** Order responses in the v2 shape; old-shape writes rejected with 422 when rejectOldRequests. */
  readonly apiMismatch: { readonly rejectOldRequests: boolean } | null;
  /** The schema change this release's migration makes, or null. */
  readonly skuChange: SkuChange | null;
  /** Probability (0–1) that this start exits before ready. */
  readonly crashOnStart: number;
  /** Replaces the service's startup time, ms. */
  readonly warmUpMs: Millis | null;
}

const HEALTHY: ServiceFaults = {
  leakPerRequest: 0,
  delay: null,
  errorSpike: null,
  apiMismatch: null,
  skuChange: null,
  crashOnStart: 0,
  warmUpMs: null,
};

/** The fault as the replica's behaviour: healthy for v1, the fault's effect for v2. */
export function serviceFaults(fault: FaultModel, release: Release): ServiceFaults {
  if (release === 'v1') return HEALTHY;
  switch (fault.type) {
    case 'none':
    case 'networkLoss':
    case 'networkReset':
      return HEALTHY;
    case 'connectionLeak':
      return { ...HEALTHY, leakPerRequest: fault.leakPerRequest };
    case 'latency':
      return fault.on === 'network'
        ? HEALTHY
        : { ...HEALTHY, delay: { meanMs: fault.delayMs, jitterMs: fault.jitterMs, share: fault.share } };
    case 'errorSpike':
      return {
        ...HEALTHY,
        errorSpike: {
          rate: fault.errorRate,
          statusCode: fault.statusCode,
          sessionsOnly: fault.cohort === 'sessions',
        },
      };
    case 'apiSchemaMismatch':
      return { ...HEALTHY, apiMismatch: { rejectOldRequests: fault.rejectOldRequests } };
    case 'dbSchemaMismatch':
      return {
        ...HEALTHY,
        skuChange: fault.expandContract
          ? 'expand-add-sku'
          : fault.change === 'renameColumn'
            ? 'rename-item-to-sku'
            : 'drop-item-for-sku',
      };
    case 'crashOnStart':
      return { ...HEALTHY, crashOnStart: fault.probability };
    case 'slowWarmUp':
      return { ...HEALTHY, warmUpMs: fault.warmUpMs };
  }
}

/** The column names this release's order queries use. */
export function queryDialect(faults: ServiceFaults): QueryDialect {
  if (faults.skuChange === null) return 'item';
  return faults.skuChange === 'expand-add-sku' ? 'sku-with-item' : 'sku';
}

/** z_{0.99}: the standard normal 99th percentile. */
const Z99 = 2.3263478740408408;

/** Per-request random decisions, all from one seeded source. */
export class RequestDraws {
  private readonly mu: number;
  private readonly sigma: number;

  constructor(
    private readonly rng: Rng,
    latency: LatencyModel,
    private readonly errorRate: number,
    private readonly faults: ServiceFaults,
  ) {
    this.mu = Math.log(latency.p50Ms);
    this.sigma = Math.log(latency.p99Ms / latency.p50Ms) / Z99;
  }

  /** Service time of one request, ms: lognormal with the configured p50 and p99. */
  serviceTimeMs(): number {
    return Math.exp(randomNormal(this.rng, this.mu, this.sigma));
  }

  /** Whether this database request keeps its connection for good. */
  leaks(): boolean {
    const p = this.faults.leakPerRequest;
    return p > 0 && this.rng.next() < p;
  }

  /** Added delay of the latency fault, ms (0 when the request is not delayed). */
  addedDelayMs(): number {
    const d = this.faults.delay;
    if (d === null || !(this.rng.next() < d.share)) return 0;
    const x = d.jitterMs > 0 ? randomNormal(this.rng, d.meanMs, d.jitterMs) : d.meanMs;
    return Math.max(x, 0);
  }

  /** The error spike's status code when this request fails by the fault, else null. */
  spikeStatus(inSession: boolean): number | null {
    const s = this.faults.errorSpike;
    if (s === null || (s.sessionsOnly && !inSession)) return null;
    return this.rng.next() < s.rate ? s.statusCode : null;
  }

  /** Whether the baseline error rate fails this request (500). */
  baselineError(): boolean {
    return this.errorRate > 0 && this.rng.next() < this.errorRate;
  }
}
