/**
 * Reads k6's `--out json` lines into the journal's per-second Tallies, the same cells the
 * built-in generator fills. Only the script's own metrics (script.ts) and k6's
 * `dropped_iterations` are read; a line is JSON-parsed only when it names one of them.
 *
 * A request counts in the second it started (point time − its value), relative to the
 * scenario's start (`lab_scenario_start_ms`). Its role is the `role` tag, or for a
 * request that got no response, what `attributeRole(rid)` says (default stable). The
 * expected affected sessions at the baseline rate are not computed for k6 (zeros).
 */
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import { type ClientKind, emptyTallies, type Tallies } from '../../journal/journal.js';
import type { Role } from '../../targets/target.js';
import { percentiles } from '../load/percentiles.js';
import { TallyWriter } from '../load/tally-writer.js';
import type { Percentiles, RequestOutcome } from '../load/types.js';
import { parseK6Time } from './k6-time.js';

export interface K6ParseOptions {
  /** Tallies to fill; default new ones of `seconds` seconds. */
  readonly tallies?: Tallies;
  /** Seconds for new tallies. */
  readonly seconds?: number;
  /** Trial time at which the k6 scenario started, ms. Default 0. */
  readonly offsetMs?: number;
  /** Trial time from which a session's failure counts it as affected. Default 0. */
  readonly releaseAtMs?: number;
  readonly attributeRole?: (requestId: string) => Role | undefined;
  /**
   * The run's window in trial time, ms: request start times are clamped into it, since
   * k6's whole-millisecond clock can put the first request a hair before the scenario's
   * start (or the last one after its end).
   */
  readonly windowMs?: { readonly from: number; readonly to: number };
}

export interface K6Results {
  readonly tallies: Tallies;
  /** Requests k6 made (one `lab_request_ms` point each). */
  readonly requests: number;
  readonly failed: number;
  /** Iterations k6 could not start for lack of a VU (`dropped_iterations`). */
  readonly dropped: number;
  readonly droppedPerSecond: readonly number[];
  readonly outcomes: Readonly<Record<Exclude<RequestOutcome, 'dropped'>, number>>;
  /** Latency from each iteration's start, ms. */
  readonly latency: Percentiles;
  /** The scenario's start, Unix ms (NaN when k6 made no request). */
  readonly startedAtMs: number;
}

interface RequestPoint {
  readonly at: number;
  readonly ms: number;
  readonly role: string;
  readonly kind: string;
  readonly outcome: string;
  readonly status: number;
  readonly rid: string | undefined;
}

interface Point {
  readonly type: string;
  readonly metric: string;
  readonly data: {
    readonly time: string;
    readonly value: number;
    readonly tags?: Record<string, string> | null;
  };
}

const WANTED = [
  'lab_request_ms',
  'lab_scenario_start_ms',
  'lab_session_start',
  'lab_session_failure',
  'dropped_iterations',
];

export async function parseK6Results(file: string, options: K6ParseOptions = {}): Promise<K6Results> {
  const requests: RequestPoint[] = [];
  const sessionStarts: { at: number; ms: number }[] = [];
  const sessionFailures: { at: number; sid: string }[] = [];
  const droppedAt: number[] = [];
  let epoch = Number.POSITIVE_INFINITY;
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (!line.includes('"Point"') || !WANTED.some((m) => line.includes(`"${m}"`))) continue;
    const p = JSON.parse(line) as Point;
    if (p.type !== 'Point') continue;
    const at = parseK6Time(p.data.time);
    const tags = p.data.tags ?? {};
    switch (p.metric) {
      case 'lab_request_ms':
        requests.push({
          at,
          ms: p.data.value,
          role: tags.role ?? 'unknown',
          kind: tags.kind ?? 'v1Shape',
          outcome: tags.outcome ?? 'connection',
          status: Number(tags.status ?? 0),
          rid: tags.rid,
        });
        break;
      case 'lab_scenario_start_ms':
        epoch = Math.min(epoch, p.data.value);
        break;
      case 'lab_session_start':
        sessionStarts.push({ at, ms: p.data.value });
        break;
      case 'lab_session_failure':
        if (tags.sid !== undefined) sessionFailures.push({ at, sid: tags.sid });
        break;
      case 'dropped_iterations':
        for (let i = 0; i < p.data.value; i++) droppedAt.push(at);
        break;
    }
  }
  if (!Number.isFinite(epoch))
    epoch = requests.length > 0 ? Math.min(...requests.map((r) => r.at - r.ms)) : Number.NaN;

  const offsetMs = options.offsetMs ?? 0;
  const releaseAtMs = options.releaseAtMs ?? 0;
  const tallies =
    options.tallies ?? emptyTallies(options.seconds ?? secondsCovered(requests, epoch, offsetMs));
  const writer = new TallyWriter(tallies, releaseAtMs, 0);
  const trialMs = (unixMs: number) => offsetMs + (unixMs - epoch);
  const window = options.windowMs;
  const startMs = (unixMs: number) => {
    const t = trialMs(unixMs);
    return window === undefined ? t : Math.min(Math.max(t, window.from), window.to - 1e-6);
  };
  const outcomes = { ok: 0, status: 0, shape: 0, timeout: 0, connection: 0 };
  for (const r of requests) {
    const role: Role =
      r.role === 'stable' || r.role === 'canary'
        ? r.role
        : ((r.rid !== undefined ? options.attributeRole?.(r.rid) : undefined) ?? 'stable');
    const outcome = (r.outcome in outcomes ? r.outcome : 'connection') as keyof typeof outcomes;
    outcomes[outcome]++;
    writer.record({
      scheduledMs: startMs(r.at - r.ms),
      role,
      kind: (r.kind === 'v2Shape' ? 'v2Shape' : 'v1Shape') as ClientKind,
      latencyMs: r.ms,
      failed: outcome !== 'ok',
      serverError: r.status >= 500 && r.status < 600,
      session: undefined,
    });
  }

  // Sessions alive at the end of each second, from each user's start and lifetime.
  const delta = new Array<number>(tallies.seconds + 1).fill(0);
  for (const s of sessionStarts) {
    const from = Math.max(0, Math.floor(trialMs(s.at) / 1000));
    const to = Math.min(tallies.seconds, Math.floor(trialMs(s.at + s.ms) / 1000));
    if (from < to) {
      delta[from]++;
      delta[to]--;
    }
  }
  let alive = 0;
  for (let s = 0; s < tallies.seconds; s++) {
    alive += delta[s];
    tallies.sessions.active[s] = alive;
  }
  const affected = new Set<string>();
  for (const f of [...sessionFailures].sort((a, b) => a.at - b.at)) {
    const t = trialMs(f.at);
    if (t < releaseAtMs || affected.has(f.sid)) continue;
    affected.add(f.sid);
    const sec = writer.secondOf(t);
    if (sec >= 0) tallies.sessions.newlyAffected[sec]++;
  }
  const droppedPerSecond = new Array<number>(tallies.seconds).fill(0);
  for (const at of droppedAt) {
    const sec = writer.secondOf(trialMs(at));
    if (sec >= 0) droppedPerSecond[sec]++;
  }
  return {
    tallies,
    requests: requests.length,
    failed: requests.length - outcomes.ok,
    dropped: droppedAt.length,
    droppedPerSecond,
    outcomes,
    latency: percentiles(requests.map((r) => r.ms)),
    startedAtMs: epoch,
  };
}

function secondsCovered(requests: readonly RequestPoint[], epoch: number, offsetMs: number): number {
  let last = 0;
  for (const r of requests) last = Math.max(last, offsetMs + (r.at - r.ms - epoch));
  return Math.max(1, Math.floor(last / 1000) + 1);
}
