/**
 * Turns the simulated pods' counters into the series Prometheus would have scraped from
 * them: the synthetic service's `http_requests_total{version,pod,route,status_code}`,
 * the `http_request_duration_seconds` histogram and the pool gauges, with `job` and
 * `instance` as a scrape adds them. A series appears at the first scrape after its
 * first increment (as client libraries create label sets lazily) and gets a staleness
 * marker at the first scrape after its pod is gone.
 */
import type { Labels } from '../../analysis/types.js';
import type { Millis, RouteModel } from '../../scenario/model.js';
import { ROLES } from '../target.js';
import { BUCKET_COUNT, BUCKET_LABELS } from './latency.js';
import type { Pod } from './pod.js';

/** Where scraped samples go: the lab's series store. */
export interface SeriesSink {
  ref(labels: Labels): number;
  append(ref: number, t: Millis, value: number): void;
  markStale(ref: number, t: Millis): void;
}

export const METRIC_NAMES = {
  requests: 'http_requests_total',
  bucket: 'http_request_duration_seconds_bucket',
  sum: 'http_request_duration_seconds_sum',
  count: 'http_request_duration_seconds_count',
  poolInUse: 'db_pool_connections_in_use',
  poolMax: 'db_pool_connections_max',
  poolTimeouts: 'db_pool_acquire_timeouts_total',
} as const;

const PER_COMBO = BUCKET_COUNT + 3;

export class MetricsRecorder {
  readonly recordRequests: boolean;
  readonly recordHistogram: boolean;
  readonly recordPool: boolean;
  private readonly poolRefs = new Map<Pod, Int32Array>();
  private readonly staleDone = new Set<Pod>();

  constructor(
    private readonly sink: SeriesSink,
    private readonly routes: readonly RouteModel[],
    private readonly statusCodes: readonly string[],
    /** Metric names to record; null records everything. */
    names: ReadonlySet<string> | null,
  ) {
    const wants = (n: string) => names === null || names.has(n);
    this.recordRequests = wants(METRIC_NAMES.requests);
    this.recordHistogram = wants(METRIC_NAMES.bucket) || wants(METRIC_NAMES.sum) || wants(METRIC_NAMES.count);
    this.recordPool = wants(METRIC_NAMES.poolInUse) || wants(METRIC_NAMES.poolMax) || wants(METRIC_NAMES.poolTimeouts);
  }

  /** Record one scrape of every pod at time t. `inUse(pod)` gives its pool gauge. */
  scrape(t: Millis, pods: readonly Pod[], inUse: (pod: Pod) => number): void {
    for (const pod of pods) {
      if (pod.gone) {
        if (!this.staleDone.has(pod)) {
          this.staleDone.add(pod);
          this.markStale(pod, t);
        }
        continue;
      }
      if (pod.createdAt > t) continue;
      if (this.recordRequests || this.recordHistogram) this.scrapeRequests(pod, t);
      if (this.recordPool) this.scrapePool(pod, t, inUse(pod));
    }
  }

  private scrapeRequests(pod: Pod, t: Millis): void {
    const { requests, buckets, sums, refs } = pod;
    const S = this.statusCodes.length;
    const R = this.routes.length;
    for (let c = 0; c < requests.length; c++) {
      const count = requests[c];
      if (count === 0) continue;
      const base = c * PER_COMBO;
      if (refs[base] === -1 && refs[base + 1] === -1) this.createComboRefs(pod, c, S, R);
      if (this.recordRequests) this.sink.append(refs[base], t, count);
      if (this.recordHistogram) {
        let cumulative = 0;
        const b0 = c * BUCKET_COUNT;
        for (let b = 0; b < BUCKET_COUNT; b++) {
          cumulative += buckets[b0 + b];
          this.sink.append(refs[base + 1 + b], t, cumulative);
        }
        this.sink.append(refs[base + 1 + BUCKET_COUNT], t, sums[c]);
        this.sink.append(refs[base + 2 + BUCKET_COUNT], t, count);
      }
    }
  }

  private createComboRefs(pod: Pod, combo: number, S: number, R: number): void {
    const status = combo % S;
    const route = Math.floor(combo / S) % R;
    const version = ROLES[Math.floor(combo / (S * R))];
    const labels = {
      job: 'service',
      instance: pod.name,
      pod: pod.name,
      version,
      route: this.routes[route].name,
      status_code: this.statusCodes[status],
    };
    const base = combo * PER_COMBO;
    if (this.recordRequests) pod.refs[base] = this.sink.ref({ __name__: METRIC_NAMES.requests, ...labels });
    if (this.recordHistogram) {
      for (let b = 0; b < BUCKET_COUNT; b++) {
        pod.refs[base + 1 + b] = this.sink.ref({ __name__: METRIC_NAMES.bucket, ...labels, le: BUCKET_LABELS[b] });
      }
      pod.refs[base + 1 + BUCKET_COUNT] = this.sink.ref({ __name__: METRIC_NAMES.sum, ...labels });
      pod.refs[base + 2 + BUCKET_COUNT] = this.sink.ref({ __name__: METRIC_NAMES.count, ...labels });
    }
  }

  private scrapePool(pod: Pod, t: Millis, inUse: number): void {
    let refs = this.poolRefs.get(pod);
    if (!refs) {
      const labels = { job: 'service', instance: pod.name, pod: pod.name, version: pod.role };
      refs = Int32Array.from([
        this.sink.ref({ __name__: METRIC_NAMES.poolInUse, ...labels }),
        this.sink.ref({ __name__: METRIC_NAMES.poolMax, ...labels }),
        this.sink.ref({ __name__: METRIC_NAMES.poolTimeouts, ...labels }),
      ]);
      this.poolRefs.set(pod, refs);
    }
    this.sink.append(refs[0], t, inUse);
    this.sink.append(refs[1], t, pod.free.length);
    this.sink.append(refs[2], t, pod.acquireTimeouts);
  }

  private markStale(pod: Pod, t: Millis): void {
    for (let i = 0; i < pod.refs.length; i++) if (pod.refs[i] !== -1) this.sink.markStale(pod.refs[i], t);
    const pool = this.poolRefs.get(pod);
    if (pool) for (const ref of pool) this.sink.markStale(ref, t);
  }
}
