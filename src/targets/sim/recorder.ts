/**
 * Turns the simulated pods' counters into the series Prometheus would have scraped from
 * them: the synthetic service's `http_requests_total{version,pod,route,status_code}`,
 * the `http_request_duration_seconds` histogram and the pool gauges, with `job` and
 * `instance` as a scrape adds them. A series appears at the first scrape after its
 * first increment (as client libraries create label sets lazily) and gets a staleness
 * marker at the first scrape after its pod is gone.
 */
import type { Labels } from '../../analysis/types.js';
import type { LabelSet, LabelSetTable } from '../../metrics/label-set.js';
import type { Millis, RouteModel } from '../../scenario/model.js';
import { ROLES } from '../target.js';
import { BUCKET_COUNT, BUCKET_LABELS } from './latency.js';
import type { Pod } from './pod.js';

/** Where scraped samples go: the lab's series store. */
export interface SeriesSink {
  readonly labelSets: LabelSetTable;
  ref(labels: Labels): number;
  /** The ref of a set interned by `labelSets` (the same as `ref` of its labels). */
  refOfSet(set: LabelSet): number;
  append(ref: number, t: Millis, value: number): void;
  markStale(ref: number, t: Millis): void;
}

/** Which series are recorded. */
export interface SeriesFilter {
  /** Whether the series with exactly these labels (`__name__` included) is. */
  matches(labels: Labels): boolean;
  /** False when no series carrying these labels (whatever its others) is. */
  couldMatch(partial: Labels): boolean;
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
/** A pod's series slot not yet decided (pod.refs is filled with it). */
const UNDECIDED = -1;
/** A series nobody's query can select: never recorded. */
const SKIPPED = -2;

/**
 * The label sets of one scenario's simulated series, by pod name and series slot, kept
 * from trial to trial (pod names repeat: `<scenario>-<role>-<n>`); null where the series
 * is not recorded. Only valid for recorders of that scenario with the same metric names
 * and series filter; sets are kept per intern table.
 */
export class SeriesLabelCache {
  private readonly byTable = new WeakMap<LabelSetTable, Map<string, (LabelSet | null)[]>>();

  /** The slots of one pod name under one intern table (filled in by the recorder). */
  slots(table: LabelSetTable, pod: string): (LabelSet | null)[] {
    let byPod = this.byTable.get(table);
    if (byPod === undefined) {
      byPod = new Map();
      this.byTable.set(table, byPod);
    }
    let slots = byPod.get(pod);
    if (slots === undefined) {
      slots = [];
      byPod.set(pod, slots);
    }
    return slots;
  }
}

export class MetricsRecorder {
  readonly recordRequests: boolean;
  readonly recordHistogram: boolean;
  readonly recordPool: boolean;
  private readonly wants: (name: string) => boolean;
  private readonly poolRefs = new Map<Pod, Int32Array>();
  private readonly staleDone = new Set<Pod>();

  constructor(
    private readonly sink: SeriesSink,
    private readonly routes: readonly RouteModel[],
    private readonly statusCodes: readonly string[],
    /** Metric names to record; null records everything. */
    names: ReadonlySet<string> | null,
    /** Series to record, by their labels; null records every series of those names. */
    private readonly wanted: SeriesFilter | null = null,
    /** The scenario's cache of label sets, for trials after the first (see SeriesLabelCache). */
    private readonly labelCache: SeriesLabelCache | null = null,
  ) {
    const wants = (n: string) => names === null || names.has(n);
    this.wants = wants;
    this.recordRequests = wants(METRIC_NAMES.requests);
    this.recordHistogram = wants(METRIC_NAMES.bucket) || wants(METRIC_NAMES.sum) || wants(METRIC_NAMES.count);
    this.recordPool =
      wants(METRIC_NAMES.poolInUse) || wants(METRIC_NAMES.poolMax) || wants(METRIC_NAMES.poolTimeouts);
  }

  /**
   * Whether any histogram series (buckets, sum or count) of the pods of one version is
   * recorded: when none is, the simulator need not share latencies out over them.
   */
  recordsHistogramOf(version: string): boolean {
    const names = [METRIC_NAMES.bucket, METRIC_NAMES.sum, METRIC_NAMES.count].filter((n) => this.wants(n));
    return names.some((n) => this.wanted === null || this.wanted.couldMatch({ __name__: n, version }));
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
      if (refs[base] === UNDECIDED) this.createComboRefs(pod, c, S, R);
      if (refs[base] >= 0) this.sink.append(refs[base], t, count);
      if (this.recordHistogram) {
        if (refs[base + 1] >= 0) {
          let cumulative = 0;
          const b0 = c * BUCKET_COUNT;
          for (let b = 0; b < BUCKET_COUNT; b++) {
            cumulative += buckets[b0 + b];
            this.sink.append(refs[base + 1 + b], t, cumulative);
          }
        }
        const sumRef = refs[base + 1 + BUCKET_COUNT];
        if (sumRef >= 0) this.sink.append(sumRef, t, sums[c]);
        const countRef = refs[base + 2 + BUCKET_COUNT];
        if (countRef >= 0) this.sink.append(countRef, t, count);
      }
    }
  }

  /** Decide, once per pod and series, whether it is recorded: a ref, or SKIPPED. */
  private createComboRefs(pod: Pod, combo: number, S: number, R: number): void {
    const base = combo * PER_COMBO;
    const cached = this.labelCache?.slots(this.sink.labelSets, pod.name);
    if (cached !== undefined && cached[base] !== undefined) {
      for (let i = 0; i < PER_COMBO; i++) {
        const set = cached[base + i];
        pod.refs[base + i] = set === null ? SKIPPED : this.sink.refOfSet(set);
      }
      return;
    }
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
    const slot = (i: number, record: boolean, named: Labels) => {
      const set =
        record && (this.wanted === null || this.wanted.matches(named))
          ? this.sink.labelSets.fromLabels(named)
          : null;
      pod.refs[base + i] = set === null ? SKIPPED : this.sink.refOfSet(set);
      if (cached !== undefined) cached[base + i] = set;
    };
    slot(0, this.recordRequests, { __name__: METRIC_NAMES.requests, ...labels });
    for (let b = 0; b < BUCKET_COUNT; b++) {
      slot(1 + b, this.wants(METRIC_NAMES.bucket), {
        __name__: METRIC_NAMES.bucket,
        ...labels,
        le: BUCKET_LABELS[b],
      });
    }
    // Each name on its own: a query on _count alone records no buckets.
    slot(1 + BUCKET_COUNT, this.wants(METRIC_NAMES.sum), { __name__: METRIC_NAMES.sum, ...labels });
    slot(2 + BUCKET_COUNT, this.wants(METRIC_NAMES.count), { __name__: METRIC_NAMES.count, ...labels });
  }

  private scrapePool(pod: Pod, t: Millis, inUse: number): void {
    let refs = this.poolRefs.get(pod);
    if (!refs) {
      const labels = { job: 'service', instance: pod.name, pod: pod.name, version: pod.role };
      const ref = (name: string) =>
        this.wants(name) ? this.sink.ref({ __name__: name, ...labels }) : SKIPPED;
      refs = Int32Array.from([
        ref(METRIC_NAMES.poolInUse),
        ref(METRIC_NAMES.poolMax),
        ref(METRIC_NAMES.poolTimeouts),
      ]);
      this.poolRefs.set(pod, refs);
    }
    if (refs[0] >= 0) this.sink.append(refs[0], t, inUse);
    if (refs[1] >= 0) this.sink.append(refs[1], t, pod.free.length);
    if (refs[2] >= 0) this.sink.append(refs[2], t, pod.acquireTimeouts);
  }

  private markStale(pod: Pod, t: Millis): void {
    for (let i = 0; i < pod.refs.length; i++) if (pod.refs[i] >= 0) this.sink.markStale(pod.refs[i], t);
    const pool = this.poolRefs.get(pod);
    if (pool) for (const ref of pool) if (ref >= 0) this.sink.markStale(ref, t);
  }
}
