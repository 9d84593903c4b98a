/**
 * The load of a local trial: the built-in open-model generator driving the router, its
 * results turned into the journal's per-second tallies in scenario seconds.
 *
 * Time scale k (scenario time = real time × k). The generator runs in real time at the
 * scenario's *real* request rate: rates are not multiplied by k, because the service's
 * physics are real — service times, pool waits, acquire timeouts and injected delays are
 * real milliseconds, so a pod sees the concurrency (rate × latency) the scenario
 * describes only at the scenario's rate; k × the rate would saturate pools that the
 * scenario never saturates (and this 2-core machine). What is compressed is the timeline:
 * the profile's time points and the session lifetimes are divided by k (a user makes as
 * many requests in a session as in the scenario: their per-user rate is × k). Each
 * scenario second therefore carries 1/k of the scenario's requests: counts in the
 * tallies (and blast radius) are those of the real requests sent, and absolute rates in
 * PromQL (`rate()` over scenario time) are 1/k of the scenario's; ratios are unchanged.
 *
 * Tallies: each request counts in the scenario second of its scheduled time, with its
 * real client-observed latency; session affectedness as the generator's own tally writer
 * computes it; sessions alive per second from the generator's real-second tallies;
 * mirrored copies sampled from the router every scenario second.
 */
import type { Clock } from '../clock/clock.js';
import type { Tallies } from '../journal/journal.js';
import type { Millis, Scenario, TrafficModel } from '../scenario/model.js';
import type { Router } from '../targets/local/router/router.js';
import { runLoad } from '../traffic/load/load-generator.js';
import type { SessionUser } from '../traffic/load/session-users.js';
import { TallyWriter } from '../traffic/load/tally-writer.js';
import type { LoadResult, RequestRecord } from '../traffic/load/types.js';

export interface LocalLoadOptions {
  readonly scenario: Scenario;
  readonly timeScale: number;
  readonly seed: number;
  readonly router: Router;
  readonly clock: Clock;
  /** The journal's tallies (scenario seconds) to fill. */
  readonly tallies: Tallies;
  /** Scenario time from which sessions' failures count (the release start). */
  readonly releaseAtMs: Millis;
  /** Scenario ms of load at most (the generator runs this / k real ms). */
  readonly durationMs: Millis;
  /** Hard bound on requests. */
  readonly maxRequests: number;
  readonly signal: AbortSignal;
}

export interface LocalLoadResult {
  readonly sent: number;
  readonly failed: number;
  readonly dropped: number;
  /** Share of requests sent more than 10 ms late (the generator's pacing). */
  readonly lateShare: number;
  /** Scenario time of the first request answered by v2 code (a canary pod, or the flag), or null. */
  readonly servedByV2At: Millis | null;
}

/** The scenario's traffic on the real timeline: time points and session lifetimes ÷ k. */
export function realTimeTraffic(traffic: TrafficModel, k: number): TrafficModel {
  return {
    ...traffic,
    profile: { points: traffic.profile.points.map((p) => ({ tMs: p.tMs / k, rps: p.rps })) },
    sessions: traffic.sessions && {
      ...traffic.sessions,
      meanLengthMs: traffic.sessions.meanLengthMs / k,
      requestsPerMinute: traffic.sessions.requestsPerMinute * k,
    },
  };
}

/** Run the load from now until `durationMs` of scenario time has passed or the signal aborts. */
export async function runLocalLoad(o: LocalLoadOptions): Promise<LocalLoadResult> {
  const k = o.timeScale;
  const startedAt = o.clock.now();
  const toScenario = (generatorMs: number) => startedAt + generatorMs * k;
  const mirrorSampler = sampleMirrored(o);
  let result: LoadResult;
  try {
    result = await runLoad({
      target: o.router.url,
      traffic: realTimeTraffic(o.scenario.traffic, k),
      routes: o.scenario.service.routes,
      durationMs: o.durationMs / k,
      maxRequests: o.maxRequests,
      seed: o.seed,
      keepRecords: true,
      attributeRole: (id) => o.router.failedRequestRole(id),
      signal: o.signal,
    });
  } finally {
    mirrorSampler.stop();
  }
  fillTallies(o, result, toScenario);
  let servedByV2At: number | null = null;
  for (const r of result.records ?? []) {
    if (r.role === 'canary' && r.status > 0 && Number.isFinite(r.sentMs)) {
      const t = toScenario(r.sentMs);
      if (servedByV2At === null || t < servedByV2At) servedByV2At = t;
    }
  }
  return {
    sent: result.sent,
    failed: result.failed,
    dropped: result.dropped,
    lateShare: result.lateness.lateShare,
    servedByV2At,
  };
}

function fillTallies(o: LocalLoadOptions, result: LoadResult, toScenario: (ms: number) => number): void {
  const writer = new TallyWriter(o.tallies, o.releaseAtMs, o.scenario.service.errorRate);
  const sessions = new Map<number, SessionUser>();
  const sessionOf = (r: RequestRecord): SessionUser | undefined => {
    if (r.session < 0) return undefined;
    let s = sessions.get(r.session);
    if (!s) {
      // Only `affected` and `survival` are read by the tally writer.
      s = { affected: false, survival: 1 } as SessionUser;
      sessions.set(r.session, s);
    }
    return s;
  };
  for (const r of result.records ?? []) {
    if (r.outcome === 'dropped') continue;
    writer.record({
      scheduledMs: toScenario(r.scheduledMs),
      role: r.role,
      kind: r.kind,
      latencyMs: r.doneMs - r.scheduledMs,
      failed: r.outcome !== 'ok',
      serverError: r.status >= 500 && r.status < 600,
      session: sessionOf(r),
    });
  }
  // Sessions alive: the generator's per-real-second level, over the k scenario seconds it spans.
  const active = result.tallies.sessions.active;
  for (let real = 0; real < active.length; real++) {
    const from = Math.max(0, Math.floor(toScenario(real * 1000) / 1000));
    const to = Math.min(o.tallies.seconds, Math.floor(toScenario((real + 1) * 1000) / 1000));
    for (let s = from; s < to; s++) o.tallies.sessions.active[s] = active[real];
  }
}

/** Mirrored copies per scenario second, from the router's running count (until stopped). */
export function sampleMirrored(o: Pick<LocalLoadOptions, 'router' | 'clock' | 'tallies' | 'timeScale'>): {
  stop(): void;
} {
  let last = o.router.stats().mirrored;
  const period = Math.max(5, 1000 / o.timeScale);
  const timer = setInterval(() => {
    const now = o.router.stats().mirrored;
    const sec = Math.floor(o.clock.now() / 1000);
    if (now > last && sec >= 0 && sec < o.tallies.seconds) o.tallies.mirrored[sec] += now - last;
    last = now;
  }, period);
  return { stop: () => clearInterval(timer) };
}
