/**
 * One simulated pod: lifecycle (created → ready → terminating → gone), its database
 * connection pool, and the counters its /metrics page would show.
 */
import type { Millis } from '../../scenario/model.js';
import type { Role } from '../target.js';
import { BUCKET_COUNT } from './latency.js';

export class Pod {
  ready = false;
  terminating = false;
  gone = false;
  terminatingAt: Millis = Number.POSITIVE_INFINITY;
  /** Next-free time of each pool connection; Infinity = leaked (never returned). */
  readonly free: Float64Array;
  leaked = 0;
  acquireTimeouts = 0;
  /** Per (code path version, route, status): requests; histogram buckets; latency sum (s). */
  readonly requests: Float64Array;
  readonly buckets: Float64Array;
  readonly sums: Float64Array;
  /** Series ids in the store, created on first use; -1 = not yet, -2 = a metric name not recorded. */
  readonly refs: Int32Array;
  /** Sessions pinned here (aggregated fidelity). */
  sessions = 0;
  affectedSessions = 0;
  /** Scratch of the aggregated fidelity for the current tick. */
  readonly tick = {
    id: -1,
    user0: 0,
    user1: 0,
    sessions: 0,
    lost: 0,
    mirrored: 0,
    /** Expected failures of a request at random on this pod (all cohorts). */
    failed: 0,
    /** Failures that only session requests can have (a sessions-cohort fault). */
    spikeFailed: 0,
    pTimeout: 0,
  };
  /** Aggregated fidelity: requests served here (not timed out) since counters were last shared out. */
  pendingWeight = 0;

  constructor(
    readonly index: number,
    readonly name: string,
    readonly role: Role,
    readonly createdAt: Millis,
    readonly readyAt: Millis,
    poolSize: number,
    /** versions × routes × statuses */
    readonly combos: number,
  ) {
    // One buffer for the five arrays: each typed array of its own would be an off-heap
    // allocation (about a microsecond to make and to collect), and a trial makes dozens of pods.
    const doubles = poolSize + combos * (BUCKET_COUNT + 2);
    const buffer = new ArrayBuffer(8 * doubles + 4 * combos * (BUCKET_COUNT + 3));
    let at = 0;
    const take = (n: number) => {
      const a = new Float64Array(buffer, at, n);
      at += 8 * n;
      return a;
    };
    this.free = take(poolSize);
    this.requests = take(combos);
    this.buckets = take(combos * BUCKET_COUNT);
    this.sums = take(combos);
    this.refs = new Int32Array(buffer, at, combos * (BUCKET_COUNT + 3)).fill(-1);
  }

  /** Ready and not terminating: an endpoint a Service would route to. */
  get serving(): boolean {
    return this.ready && !this.terminating;
  }

  /** Usable connections (not leaked). */
  get capacity(): number {
    return this.free.length - this.leaked;
  }
}
