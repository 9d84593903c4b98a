/**
 * One trial on the local backend: real service replicas behind the lab's router, real
 * load, the lab's scraper filling a fresh series store, and the same controller,
 * strategy, analysis and alert rules as a simulated trial (sim-trial.ts), on a RealClock
 * whose `now()` is scenario time (real × timeScale). Every duration of the scenario's
 * timeline is compressed by the time scale; request-level physics stay real (see
 * local-load.ts and targets/local/service-args.ts).
 *
 * Order: a temp dir (the shared database), the router, the stable replicas warmed up
 * until all are ready; then the clock starts (t = 0), the scraper and the load begin,
 * the release starts after the lead-in; the trial ends `observeAfter` after the rollout
 * comes to rest, at the scenario's duration, or when `signal` aborts (the journal then
 * ends with an `end` event saying it was interrupted). Everything started is stopped and
 * removed before the promise settles, whatever happened.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PromQLEngine } from '../analysis/promql/engine.js';
import { RealClock } from '../clock/real-clock.js';
import type { JournalData } from '../journal/journal.js';
import { SeriesStore } from '../metrics/series-store.js';
import type { FaultModel, Millis, Scenario, StrategyModel } from '../scenario/model.js';
import { trackDir, untrackDir } from '../targets/local/child-registry.js';
import { LocalTarget } from '../targets/local/local-target.js';
import { Router } from '../targets/local/router/router.js';
import type { NetworkFault } from '../targets/local/router/types.js';
import { Scraper } from '../targets/local/scraper.js';
import { peakRate } from '../traffic/k6/executor.js';
import { runLocalK6Load } from './local-k6-load.js';
import { runLocalLoad } from './local-load.js';
import { queriedMetricNames } from './queried-metrics.js';
import { trialController, trialJournal } from './rollout-wiring.js';
import { trialSeed } from './sim-trial.js';

export interface LocalTrialOptions {
  readonly scenario: Scenario;
  readonly strategy: StrategyModel;
  readonly trial: number;
  /** Base seed (default: the scenario's). */
  readonly seed?: number;
  /** Scenario ms per real ms (10: a 5-minute pause lasts 30 s). */
  readonly timeScale: number;
  /** The service's entry script. */
  readonly serviceMain: string;
  /** The load generator: the built-in one (default) or k6. */
  readonly load?: 'builtin' | 'k6';
  /** Where the trial's temp dir goes (default the system's). */
  readonly tmpRoot?: string;
  /** Aborting ends the trial early, as interrupted. */
  readonly signal?: AbortSignal;
  /** Called about every real second with the trial's state (progress lines). */
  readonly onTick?: (state: LocalTrialState) => void;
}

export interface LocalTrialState {
  /** Scenario time, ms. */
  readonly t: Millis;
  readonly phase: string;
  readonly detected: boolean;
}

export interface LocalTrialResult {
  readonly journal: JournalData;
  readonly interrupted: boolean;
  /** Requests the load sent; and the share sent late (pacing). */
  readonly sent: number;
  readonly lateShare: number;
}

/** The network fault the router injects on the path to v2, if the release has one. */
export function routerFault(fault: FaultModel): NetworkFault | null {
  switch (fault.type) {
    case 'latency':
      return fault.on === 'network'
        ? { kind: 'delay', delayMs: fault.delayMs, jitterMs: fault.jitterMs, share: fault.share }
        : null;
    case 'networkLoss':
      return { kind: 'loss', share: fault.share };
    case 'networkReset':
      return { kind: 'reset', share: fault.share };
    default:
      return null;
  }
}

export async function runLocalTrial(o: LocalTrialOptions): Promise<LocalTrialResult> {
  const { scenario, strategy, trial } = o;
  const k = o.timeScale;
  const seed = trialSeed(o.seed ?? scenario.seed, scenario.name, strategy.name, trial);
  const dir = await mkdtemp(join(o.tmpRoot ?? tmpdir(), 'rollout-lab-local-'));
  trackDir(dir);
  let router: Router | null = null;
  let target: LocalTarget | null = null;
  let clock: RealClock | null = null;
  let scraper: Scraper | null = null;
  try {
    router = await Router.start({ seed, affinity: scenario.affinity, lossHoldMs: 10_000 });
    const fault = routerFault(scenario.fault);
    if (fault) router.setNetworkFault('canary', fault);
    target = new LocalTarget({ scenario, timeScale: k, seed, router, serviceMain: o.serviceMain, dir });
    await abortable(target.warmUp(), o.signal);

    clock = new RealClock(k);
    const journal = trialJournal({
      scenario,
      strategy,
      trial,
      seed,
      backend: 'local',
      fidelity: 'real',
      timeScale: k,
    });
    const store = new SeriesStore({
      initialCapacity: Math.ceil(scenario.durationMs / scenario.scrapeIntervalMs) + 2,
    });
    const names = queriedMetricNames(scenario);
    scraper = new Scraper({
      clock,
      sink: store,
      intervalMs: scenario.scrapeIntervalMs,
      timeScale: k,
      keep: names === null ? null : (name) => names.has(name),
    });
    target.attach({ clock, journal, scraper });
    const promql = new PromQLEngine(store);
    const controller = trialController({ scenario, strategy, clock, target, journal, query: promql });

    const stopLoad = new AbortController();
    scraper.start(0);
    const peak = peakRate(scenario.traffic.profile, 0, scenario.durationMs);
    const loadOptions = {
      scenario,
      timeScale: k,
      seed,
      router,
      clock,
      tallies: journal.tallies,
      releaseAtMs: scenario.leadInMs,
      durationMs: scenario.durationMs,
      signal: stopLoad.signal,
    };
    const load =
      o.load === 'k6'
        ? runLocalK6Load({ ...loadOptions, dir })
        : runLocalLoad({
            ...loadOptions,
            // Bounded: the scenario's peak rate over its whole duration, in real time, and a margin.
            maxRequests: Math.ceil(peak * (scenario.durationMs / k / 1000) * 1.2) + 1000,
          });
    clock.at(scenario.leadInMs, () => controller.start());

    const c = clock;
    const ended = await new Promise<{ t: Millis; reason: string; interrupted: boolean }>((resolve) => {
      let last = 0;
      const check = () => {
        const now = c.now();
        if (o.signal?.aborted) {
          resolve({
            t: now,
            reason: `interrupted (${String(o.signal.reason ?? 'aborted')})`,
            interrupted: true,
          });
          return;
        }
        const settled = controller.settledAt();
        const end =
          settled === null
            ? scenario.durationMs
            : Math.min(scenario.durationMs, settled + scenario.observeAfterMs);
        if (now >= end) {
          const reason =
            settled === null ? 'duration reached' : `settled (${controller.status().settledAs}) and observed`;
          resolve({ t: end, reason, interrupted: false });
          return;
        }
        if (o.onTick && performance.now() - last >= 1000) {
          last = performance.now();
          const status = controller.status();
          o.onTick({ t: now, phase: status.phase, detected: status.detection !== null });
        }
        setTimeout(check, 20);
      };
      check();
    });
    controller.stop();
    stopLoad.abort();
    const loaded = await load;
    await scraper.stop();
    target.settleOnset(loaded.servedByV2At);
    journal.record({ t: ended.t, type: 'end', reason: ended.reason });
    return {
      journal: journal.toData(),
      interrupted: ended.interrupted,
      sent: loaded.sent,
      lateShare: loaded.lateShare,
    };
  } finally {
    clock?.cancelAll();
    await scraper?.stop().catch(() => {});
    await target?.shutdown();
    await router?.close();
    await rm(dir, { recursive: true, force: true });
    untrackDir(dir);
  }
}

/** Reject as soon as the signal aborts (the work itself is cleaned up by the caller). */
function abortable<T>(work: Promise<T>, signal: AbortSignal | undefined): Promise<T> {
  if (!signal) return work;
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error(`interrupted (${String(signal.reason ?? 'aborted')})`));
    if (signal.aborted) onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}
