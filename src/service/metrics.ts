/**
 * The replica's Prometheus metrics, with the names and labels the simulator records
 * (src/targets/sim/recorder.ts), so one PromQL query works on both:
 * - `http_requests_total{version,pod,route,status_code}` (counter),
 * - `http_request_duration_seconds{version,pod,route,status_code}` (histogram, prom-client's
 *   default buckets, which are the simulator's BUCKET_BOUNDS_S),
 * - `db_pool_connections_in_use{version,pod}`, `db_pool_connections_max{version,pod}` (gauges),
 * - `db_pool_acquire_timeouts_total{version,pod}` (counter),
 * - prom-client's default process metrics.
 * Only business requests are counted; probes and scrapes are not.
 */
import { Counter, collectDefaultMetrics, Gauge, Histogram, Registry } from 'prom-client';
import type { Role } from '../targets/target.js';

/** What the pool gauges read at each scrape. */
export interface PoolReadings {
  readonly inUse: number;
  readonly size: number;
  readonly acquireTimeouts: number;
}

export class ServiceMetrics {
  readonly registry = new Registry();
  private readonly requests: Counter<'version' | 'pod' | 'route' | 'status_code'>;
  private readonly duration: Histogram<'version' | 'pod' | 'route' | 'status_code'>;

  constructor(
    private readonly role: Role,
    private readonly pod: string,
    pool: () => PoolReadings,
  ) {
    const registers = [this.registry];
    const labelNames = ['version', 'pod', 'route', 'status_code'] as const;
    this.requests = new Counter({
      name: 'http_requests_total',
      help: 'Business requests served, by version, pod, route and status code.',
      labelNames,
      registers,
    });
    this.duration = new Histogram({
      name: 'http_request_duration_seconds',
      help: 'Server-side duration of business requests in seconds, queueing for a connection included.',
      labelNames,
      registers,
    });
    const own = { version: role, pod };
    new Gauge({
      name: 'db_pool_connections_in_use',
      help: 'Database connections on loan or leaked.',
      labelNames: ['version', 'pod'],
      registers,
      collect() {
        this.set(own, pool().inUse);
      },
    });
    new Gauge({
      name: 'db_pool_connections_max',
      help: 'Database connections in the pool.',
      labelNames: ['version', 'pod'],
      registers,
      collect() {
        this.set(own, pool().size);
      },
    });
    let counted = 0;
    const timeouts = new Counter({
      name: 'db_pool_acquire_timeouts_total',
      help: 'Requests that waited longer than the acquire timeout for a database connection.',
      labelNames: ['version', 'pod'],
      registers,
      collect() {
        const now = pool().acquireTimeouts;
        this.inc(own, now - counted);
        counted = now;
      },
    });
    timeouts.inc(own, 0);
    collectDefaultMetrics({ register: this.registry });
  }

  /**
   * Count one business request and its server-side duration in seconds. `version`: the
   * code path's label when it is not the replica's own (a feature-flagged v2 request).
   */
  observe(route: string, statusCode: number, seconds: number, version: Role = this.role): void {
    const labels = { version, pod: this.pod, route, status_code: String(statusCode) };
    this.requests.inc(labels);
    this.duration.observe(labels, seconds);
  }

  /** The exposition text (format 0.0.4). */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
