/**
 * The built-in open-model load generator. Arrivals are scheduled by time from the
 * scenario's rate profile (arrivals.ts) and sent when due, whatever happened to earlier
 * requests; latency is measured from the *scheduled* time, so a stalled target shows up
 * as latency instead of silently slowing the load (no coordinated omission). Beyond
 * `maxInFlight` requests in flight an arrival is dropped and counted. The run is bounded
 * by `durationMs` and `maxRequests`, and each request by `timeoutMs`.
 *
 * The client mix is the simulator's: anonymous API clients of the v1 or v2 shape, and
 * session users (session-users.ts) who log in, keep their cookies, and log in again
 * after a 401. Every response's `x-served-role` says which version served it; results go
 * into the journal's per-second Tallies (tally-writer.ts). Built on undici.
 */
import { Pool } from 'undici';
import type { ClientKind } from '../../journal/journal.js';
import { emptyTallies } from '../../journal/journal.js';
import { createRng, type Rng } from '../../stats/rng.js';
import { assertLoopbackUrl } from '../../targets/local/router/loopback.js';
import type { Role } from '../../targets/target.js';
import { rateAt } from '../rate-profile.js';
import { ArrivalSchedule } from './arrivals.js';
import {
  CLIENT_SHAPE_HEADER,
  canParseOrder,
  type RequestSpec,
  requestFor,
  requestKindOf,
  SERVED_ROLE_HEADER,
} from './contract.js';
import { Pacer } from './pacer.js';
import { percentiles } from './percentiles.js';
import { type SessionUser, SessionUsers } from './session-users.js';
import { TallyWriter } from './tally-writer.js';
import { TrafficDraws } from './traffic-draws.js';
import type { LoadOptions, LoadResult, RequestOutcome, RequestRecord } from './types.js';

/** Run the load; resolves when every request has ended. Rejects before sending anything on bad options. */
export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  return new LoadRun(options).run();
}

interface Arrival {
  readonly scheduledMs: number;
  readonly requestId: string;
  readonly spec: RequestSpec;
  readonly kind: ClientKind;
  readonly user: SessionUser | undefined;
  readonly headers: Record<string, string>;
}

class LoadRun {
  private readonly rng: Rng;
  private readonly pool: Pool;
  private readonly pacer: Pacer;
  private readonly writer: TallyWriter;
  private readonly draws: TrafficDraws;
  private readonly sessions: SessionUsers | null;
  private readonly offsetMs: number;
  private readonly maxInFlight: number;
  private readonly lateThresholdMs: number;
  private readonly lateness: number[] = [];
  private readonly latency: number[] = [];
  private readonly records: RequestRecord[] | undefined;
  private readonly droppedPerSecond: number[];
  private readonly outcomes: Record<RequestOutcome, number> = {
    ok: 0,
    status: 0,
    shape: 0,
    timeout: 0,
    connection: 0,
    dropped: 0,
  };
  private scheduled = 0;
  private inFlight = 0;
  private second = -1;
  private lastMirrored = 0;
  private lastDoneMs = 0;
  private idle: (() => void) | undefined;

  constructor(private readonly o: LoadOptions) {
    const origin = assertLoopbackUrl(o.target, 'load generator target').origin;
    if (!(o.durationMs > 0 && Number.isFinite(o.durationMs))) {
      throw new RangeError(`durationMs must be a positive number, got ${o.durationMs}`);
    }
    if (!(Number.isInteger(o.maxRequests) && o.maxRequests >= 0)) {
      throw new RangeError(`maxRequests must be a non-negative integer, got ${o.maxRequests}`);
    }
    this.maxInFlight = o.maxInFlight ?? 512;
    if (!(Number.isInteger(this.maxInFlight) && this.maxInFlight >= 1)) {
      throw new RangeError(`maxInFlight must be a positive integer, got ${this.maxInFlight}`);
    }
    const timeoutMs = o.timeoutMs ?? 10_000;
    this.offsetMs = o.offsetMs ?? 0;
    this.lateThresholdMs = o.lateThresholdMs ?? 10;
    this.rng = createRng(o.seed);
    const tallies = o.tallies ?? emptyTallies(Math.ceil((this.offsetMs + o.durationMs) / 1000));
    this.writer = new TallyWriter(tallies, o.releaseAtMs ?? 0, o.baselineErrorRate ?? 0);
    this.droppedPerSecond = new Array<number>(tallies.seconds).fill(0);
    this.records = o.keepRecords ? [] : undefined;
    this.draws = new TrafficDraws(o.routes, o.traffic.headers, this.rng);
    const profile = o.traffic.profile;
    const schedule = new ArrivalSchedule(
      (sec) => rateAt(profile, this.offsetMs + sec * 1000 + 500),
      o.spacing ?? 'poisson',
      this.rng,
      o.durationMs,
      o.maxRequests,
    );
    const sessions = o.traffic.sessions;
    this.sessions =
      sessions && sessions.share > 0 ? new SessionUsers(sessions, o.traffic.clients.v1Shape, this.rng) : null;
    this.sessions?.populate(rateAt(profile, this.offsetMs + 500));
    this.pool = new Pool(origin, {
      connections: this.maxInFlight,
      pipelining: 1,
      headersTimeout: timeoutMs,
      bodyTimeout: timeoutMs,
      connectTimeout: Math.min(timeoutMs, 10_000),
      keepAliveTimeout: 4_000,
    });
    this.pacer = new Pacer(
      () => schedule.next(),
      (t) => this.arrive(t),
    );
  }

  async run(): Promise<LoadResult> {
    const signal = this.o.signal;
    const abort = () => {
      this.pacer.stop();
      void this.pool.destroy();
    };
    signal?.addEventListener('abort', abort, { once: true });
    try {
      if (signal?.aborted) abort();
      await this.pacer.run();
      if (this.inFlight > 0) await new Promise<void>((resolve) => (this.idle = resolve));
      // After the last response, so the router's mirror count includes the last copies.
      this.closeSecondsBefore(Math.ceil(this.o.durationMs / 1000));
    } finally {
      signal?.removeEventListener('abort', abort);
      await this.pool.close().catch(() => undefined);
    }
    return this.result();
  }

  // ----- one arrival ------------------------------------------------------------------

  private arrive(scheduledMs: number): void {
    this.scheduled++;
    const sec = Math.floor(scheduledMs / 1000);
    this.closeSecondsBefore(sec);
    const arrival = this.draw(scheduledMs);
    if (this.inFlight >= this.maxInFlight) {
      this.outcomes.dropped++;
      const trialSec = this.writer.secondOf(this.offsetMs + scheduledMs);
      if (trialSec >= 0) this.droppedPerSecond[trialSec]++;
      this.keep(arrival, Number.NaN, Number.NaN, 'stable', 0, 'dropped');
      return;
    }
    this.send(arrival);
  }

  /** The client-mix draws for one arrival, in a fixed order (so a seed fixes them). */
  private draw(scheduledMs: number): Arrival {
    const rng = this.rng;
    const sessions = this.sessions;
    const share = this.o.traffic.sessions?.share ?? 0;
    const user = sessions !== null && rng.next() < share ? sessions.pick(scheduledMs) : undefined;
    const kind: ClientKind =
      user?.kind ?? (rng.next() < this.o.traffic.clients.v1Shape ? 'v1Shape' : 'v2Shape');
    const route = this.draws.route();
    const n = Math.floor(rng.next() * 1_000_000_000);
    const requestKind = user !== undefined && !user.loggedIn ? 'login' : requestKindOf(route);
    const shape = kind === 'v1Shape' ? 'v1' : 'v2';
    const spec = requestFor(requestKind, shape, n, user ? `user-${user.id}` : `anon-${n}`);
    const requestId = `lg-${this.o.seed}-${this.scheduled}`;
    const header = this.draws.header();
    const address = user?.address ?? this.draws.anonymousAddress();
    const headers: Record<string, string> = {
      [CLIENT_SHAPE_HEADER]: shape,
      'x-request-id': requestId,
      'x-forwarded-for': address,
    };
    if (header) headers[header.name.toLowerCase()] = header.value;
    const cookie = user?.jar.header();
    if (cookie !== undefined) headers.cookie = cookie;
    if (spec.body !== undefined) headers['content-type'] = 'application/json';
    return { scheduledMs, requestId, spec, kind, user, headers };
  }

  private send(a: Arrival): void {
    this.inFlight++;
    const sentMs = this.pacer.now();
    this.lateness.push(sentMs - a.scheduledMs);
    this.pool
      .request({ path: a.spec.path, method: a.spec.method, headers: a.headers, body: a.spec.body })
      .then(async (res) => {
        const status = res.statusCode;
        const ok = status >= 200 && status < 300;
        let parsed = true;
        if (a.spec.checkShape && ok)
          parsed = canParseOrder(a.kind === 'v1Shape' ? 'v1' : 'v2', await res.body.text());
        else await res.body.dump();
        const served = header(res.headers[SERVED_ROLE_HEADER]);
        const role = served === 'stable' || served === 'canary' ? served : this.attribute(a.requestId);
        const user = a.user;
        if (user !== undefined) {
          user.jar.store(res.headers['set-cookie']);
          if (a.spec.kind === 'login' && ok) user.loggedIn = true;
          else if (status === 401) user.loggedIn = false;
        }
        this.finish(a, sentMs, role, status, !ok ? 'status' : parsed ? 'ok' : 'shape');
      })
      .catch((err: unknown) => {
        const code = (err as { code?: string }).code ?? '';
        const timedOut =
          code === 'UND_ERR_HEADERS_TIMEOUT' ||
          code === 'UND_ERR_BODY_TIMEOUT' ||
          code === 'UND_ERR_CONNECT_TIMEOUT';
        this.finish(a, sentMs, this.attribute(a.requestId), 0, timedOut ? 'timeout' : 'connection');
      });
  }

  private finish(a: Arrival, sentMs: number, role: Role, status: number, outcome: RequestOutcome): void {
    const doneMs = this.pacer.now();
    this.lastDoneMs = Math.max(this.lastDoneMs, doneMs);
    const latencyMs = doneMs - a.scheduledMs;
    this.latency.push(latencyMs);
    this.outcomes[outcome]++;
    this.writer.record({
      scheduledMs: this.offsetMs + a.scheduledMs,
      role,
      kind: a.kind,
      latencyMs,
      failed: outcome !== 'ok',
      serverError: status >= 500 && status < 600,
      session: a.user,
    });
    this.keep(a, sentMs, doneMs, role, status, outcome);
    this.inFlight--;
    if (this.inFlight === 0 && this.idle) this.idle();
  }

  private attribute(requestId: string): Role {
    return this.o.attributeRole?.(requestId) ?? 'stable';
  }

  private keep(
    a: Arrival,
    sentMs: number,
    doneMs: number,
    role: Role,
    status: number,
    outcome: RequestOutcome,
  ): void {
    this.records?.push({
      scheduledMs: a.scheduledMs,
      sentMs,
      doneMs,
      requestId: a.requestId,
      request: a.spec.kind,
      kind: a.kind,
      session: a.user?.id ?? -1,
      role,
      status,
      outcome,
    });
  }

  // ----- per second -------------------------------------------------------------------

  /** Close every generator second before `sec`: sessions alive, mirrored copies; start the next. */
  private closeSecondsBefore(sec: number): void {
    while (this.second < sec) {
      if (this.second >= 0) {
        const trialSec = this.writer.secondOf(this.offsetMs + this.second * 1000);
        this.writer.activeSessions(trialSec, this.sessions?.count ?? 0);
        const mirrored = this.o.mirroredCount?.();
        if (mirrored !== undefined) {
          this.writer.mirrored(trialSec, mirrored - this.lastMirrored);
          this.lastMirrored = mirrored;
        }
      } else {
        this.lastMirrored = this.o.mirroredCount?.() ?? 0;
      }
      this.second++;
      if (this.second < sec || this.second * 1000 < this.o.durationMs) {
        this.sessions?.startSecond(
          this.second,
          rateAt(this.o.traffic.profile, this.offsetMs + this.second * 1000 + 500),
        );
      }
    }
  }

  private result(): LoadResult {
    const lateness = percentiles(this.lateness);
    let late = 0;
    for (const l of this.lateness) if (l > this.lateThresholdMs) late++;
    const sent = this.lateness.length;
    return {
      tallies: this.writer.tallies,
      scheduled: this.scheduled,
      sent,
      failed: sent - this.outcomes.ok,
      dropped: this.outcomes.dropped,
      droppedPerSecond: this.droppedPerSecond,
      outcomes: { ...this.outcomes },
      lateness: { ...lateness, late, lateShare: sent === 0 ? 0 : late / sent },
      latency: percentiles(this.latency),
      elapsedMs: this.lastDoneMs,
      records: this.records?.sort((a, b) => a.scheduledMs - b.scheduledMs),
    };
  }
}

function header(value: string | string[] | undefined): string | undefined {
  return Array.isArray(value) ? value[0] : value;
}
