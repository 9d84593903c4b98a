/**
 * k6 as a local trial's load: the lab's k6 script (traffic/k6/script.ts) on the real
 * timeline (as local-load.ts explains: rates unchanged, time points and sessions ÷ k), run
 * by runK6 for at most the trial's duration and stopped (SIGTERM: k6 stops gracefully and
 * flushes its JSON output) when the trial ends. Its `--out json` results are then read
 * here into the journal's tallies in *scenario* seconds: k6's JSON times are wall-clock,
 * so each request's start is mapped through the trial clock's own Unix epoch.
 *
 * Why not runK6's own tallies: it rejects when aborted (the usual end of a trial), and
 * parseK6Results maps times 1:1 (no time scale). The files are kept (`keepFiles`) inside
 * the trial's temp dir, which the trial removes.
 */
import { createReadStream, existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { createInterface } from 'node:readline';
import type { Clock } from '../clock/clock.js';
import type { ClientKind, Tallies } from '../journal/journal.js';
import type { Millis, Scenario } from '../scenario/model.js';
import type { Router } from '../targets/local/router/router.js';
import type { Role } from '../targets/target.js';
import { parseK6Time } from '../traffic/k6/k6-time.js';
import { runK6 } from '../traffic/k6/run-k6.js';
import type { SessionUser } from '../traffic/load/session-users.js';
import { TallyWriter } from '../traffic/load/tally-writer.js';
import type { LocalLoadResult } from './local-load.js';
import { realTimeTraffic, sampleMirrored } from './local-load.js';

export interface LocalK6Options {
  readonly scenario: Scenario;
  readonly timeScale: number;
  readonly seed: number;
  readonly router: Router;
  readonly clock: Clock;
  readonly tallies: Tallies;
  readonly releaseAtMs: Millis;
  readonly durationMs: Millis;
  /** The trial's temp dir: k6's script and results go there. */
  readonly dir: string;
  readonly signal: AbortSignal;
}

export async function runLocalK6Load(o: LocalK6Options): Promise<LocalLoadResult> {
  const k = o.timeScale;
  // Unix ms of the trial clock's 0: a Unix time u is scenario time (u − epoch) × k.
  const epochUnixMs = Date.now() - o.clock.now() / k;
  const mirrorSampler = sampleMirrored(o);
  try {
    await runK6({
      scenarioName: o.scenario.name,
      traffic: realTimeTraffic(o.scenario.traffic, k),
      routes: o.scenario.service.routes,
      durationMs: o.durationMs / k,
      seed: o.seed,
      target: o.router.url,
      attributeRole: (id) => o.router.failedRequestRole(id),
      keepFiles: true,
      tmpRoot: o.dir,
      overrunMs: 15_000,
      signal: o.signal,
    });
  } catch (error) {
    // Stopped at the end of the trial (or interrupted): the results written so far are read below.
    if (!o.signal.aborted) throw error;
  } finally {
    mirrorSampler.stop();
  }
  const folder = readdirSync(o.dir).find((d) => d.startsWith('rollout-lab-k6-'));
  const file = folder === undefined ? undefined : join(o.dir, folder, 'results.json');
  if (file === undefined || !existsSync(file))
    return { sent: 0, failed: 0, dropped: 0, lateShare: 0, servedByV2At: null };
  return readScaledResults(file, o, (unixMs) => (unixMs - epochUnixMs) * k);
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

async function readScaledResults(
  file: string,
  o: LocalK6Options,
  toScenario: (unixMs: number) => number,
): Promise<LocalLoadResult> {
  const writer = new TallyWriter(o.tallies, o.releaseAtMs, 0);
  const sessions = new Map<string, SessionUser>();
  const lifetimes: { at: number; ms: number }[] = [];
  let sent = 0;
  let failed = 0;
  let dropped = 0;
  let servedByV2At: number | null = null;
  const lines = createInterface({
    input: createReadStream(file, 'utf8'),
    crlfDelay: Number.POSITIVE_INFINITY,
  });
  for await (const line of lines) {
    if (!line.includes('"Point"')) continue;
    let p: Point;
    try {
      p = JSON.parse(line) as Point;
    } catch {
      continue; // a line cut by the stop
    }
    const at = parseK6Time(p.data.time);
    const tags = p.data.tags ?? {};
    if (p.metric === 'lab_request_ms') {
      const startUnix = at - p.data.value;
      const role: Role =
        tags.role === 'stable' || tags.role === 'canary'
          ? tags.role
          : ((tags.rid ? o.router.failedRequestRole(tags.rid) : undefined) ?? 'stable');
      const ok = tags.outcome === 'ok';
      const status = Number(tags.status ?? 0);
      sent++;
      if (!ok) failed++;
      const t = toScenario(startUnix);
      if (role === 'canary' && status > 0 && (servedByV2At === null || t < servedByV2At)) servedByV2At = t;
      writer.record({
        scheduledMs: t,
        role,
        kind: (tags.kind === 'v2Shape' ? 'v2Shape' : 'v1Shape') as ClientKind,
        latencyMs: p.data.value,
        failed: !ok,
        serverError: status >= 500 && status < 600,
        session: undefined,
      });
    } else if (p.metric === 'lab_session_start') {
      lifetimes.push({ at, ms: p.data.value });
    } else if (p.metric === 'lab_session_failure' && tags.sid !== undefined) {
      const t = toScenario(at);
      if (t >= o.releaseAtMs && !sessions.has(tags.sid)) {
        sessions.set(tags.sid, { affected: true } as SessionUser);
        const sec = writer.secondOf(t);
        if (sec >= 0) o.tallies.sessions.newlyAffected[sec]++;
      }
    } else if (p.metric === 'dropped_iterations') {
      dropped += p.data.value;
    }
  }
  // Sessions alive at the end of each scenario second, from each user's start and lifetime.
  const seconds = o.tallies.seconds;
  const delta = new Array<number>(seconds + 1).fill(0);
  for (const s of lifetimes) {
    const from = Math.max(0, Math.floor(toScenario(s.at) / 1000));
    const to = Math.min(seconds, Math.floor(toScenario(s.at + s.ms) / 1000));
    if (from < to) {
      delta[from]++;
      delta[to]--;
    }
  }
  let alive = 0;
  for (let s = 0; s < seconds; s++) {
    alive += delta[s];
    o.tallies.sessions.active[s] = alive;
  }
  return { sent, failed, dropped, lateShare: 0, servedByV2At };
}
