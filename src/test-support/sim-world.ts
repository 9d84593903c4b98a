/**
 * A simulated world wired for tests: a SimClock, a Journal, the real SeriesStore and one
 * traffic engine (per request or per tick), with helpers to read back the tallies and the
 * recorded series. Deterministic by seed; nothing reads wall time.
 */
import type { Labels } from '../analysis/types.js';
import { SimClock } from '../clock/sim-clock.js';
import { Journal, type Tallies } from '../journal/journal.js';
import { SeriesStore } from '../metrics/series-store.js';
import type { Millis, Scenario } from '../scenario/model.js';
import { createRng } from '../stats/rng.js';
import { PerRequestEngine } from '../targets/sim/per-request.js';
import { PerTickEngine } from '../targets/sim/per-tick.js';
import { SimWorld, type TrafficEngine } from '../targets/sim/world.js';
import type { Role, Routing, TargetEvent } from '../targets/target.js';
import { testScenario } from './scenario.js';

export type Fidelity = 'request' | 'tick';
export const FIDELITIES: readonly Fidelity[] = ['request', 'tick'];

export interface SimHarnessOptions {
  readonly scenario?: Scenario;
  readonly fidelity: Fidelity;
  readonly seed?: number;
  /** Metric names to record; default null (every series). */
  readonly recordMetrics?: ReadonlySet<string> | null;
  /** Default 0: blast radius and affected sessions count from the start. */
  readonly releaseAt?: Millis;
  /** The traffic engine, instead of the fidelity's default one. */
  readonly engine?: (world: SimWorld) => TrafficEngine;
}

export interface SimHarness {
  readonly scenario: Scenario;
  readonly clock: SimClock;
  readonly journal: Journal;
  readonly tallies: Tallies;
  readonly store: SeriesStore;
  readonly world: SimWorld;
  /** World events with the time they were emitted. */
  readonly events: { readonly t: Millis; readonly event: TargetEvent }[];
  /** Run the clock to `t` (scheduled work included) and simulate traffic up to it. */
  runTo(t: Millis): void;
}

/**
 * A small world: 4 stable replicas, 100 requests/s, 5 minutes, pool 20 with a 2 s acquire
 * timeout, the test scenario's routes (60% GET db, 20% POST db, 20% login) and client mix.
 */
export function smallScenario(overrides: Parameters<typeof testScenario>[0] = {}): Scenario {
  const base = testScenario();
  return testScenario({
    durationMs: 5 * 60_000,
    leadInMs: 0,
    scrapeIntervalMs: 15_000,
    ...overrides,
    service: { ...base.service, replicas: 4, ...(overrides.service ?? {}) },
    traffic: {
      ...base.traffic,
      profile: { points: [{ tMs: 0, rps: 100 }] },
      ...(overrides.traffic ?? {}),
    },
  });
}

export function simHarness(options: SimHarnessOptions): SimHarness {
  const scenario = options.scenario ?? smallScenario();
  const clock = new SimClock();
  const seed = options.seed ?? 1;
  const journal = new Journal(
    {
      scenario: scenario.name,
      strategy: 'test',
      strategyKind: 'canary',
      trial: 0,
      seed,
      backend: 'sim',
      fidelity: options.fidelity,
      timeScale: 1,
      baselineErrorRate: scenario.service.errorRate,
      faultType: scenario.fault.type,
      releaseAt: options.releaseAt ?? 0,
      detectors: [],
      wayBack: 'test',
    },
    Math.ceil(scenario.durationMs / 1000) + 1,
  );
  const store = new SeriesStore();
  const world = new SimWorld({
    scenario,
    clock,
    rng: createRng(seed),
    journal,
    sink: store,
    recordMetrics: options.recordMetrics ?? null,
    releaseAt: options.releaseAt ?? 0,
    engine:
      options.engine ??
      ((w) => (options.fidelity === 'request' ? new PerRequestEngine(w) : new PerTickEngine(w))),
  });
  const events: { t: Millis; event: TargetEvent }[] = [];
  world.subscribe((event) => events.push({ t: clock.now(), event }));
  return {
    scenario,
    clock,
    journal,
    tallies: journal.tallies,
    store,
    world,
    events,
    runTo(t: Millis): void {
      clock.runUntil(t);
      world.catchUp();
    },
  };
}

/** Routing helpers. */
export function weightRouting(canaryWeight: number, extra: Partial<Routing> = {}): Routing {
  return { split: { kind: 'weight', canaryWeight }, headerRoutes: [], mirrorPercent: 0, ...extra };
}

export function endpointsRouting(selector: readonly Role[], extra: Partial<Routing> = {}): Routing {
  return { split: { kind: 'endpoints', selector }, headerRoutes: [], mirrorPercent: 0, ...extra };
}

/** Sum of a per-second tally over seconds [from, to). */
export function sumSeconds(values: ArrayLike<number>, from = 0, to = values.length): number {
  let s = 0;
  for (let i = Math.max(0, from); i < Math.min(to, values.length); i++) s += values[i];
  return s;
}

/** Client-observed totals of one version over seconds [from, to). */
export function versionTotals(
  tallies: Tallies,
  role: Role,
  from = 0,
  to = tallies.seconds,
): { requests: number; failed: number; serverErrors: number } {
  const v1 = tallies.cells[`${role}.v1Shape`];
  const v2 = tallies.cells[`${role}.v2Shape`];
  return {
    requests: sumSeconds(tallies.versions[role].requests, from, to),
    failed: sumSeconds(v1.failed, from, to) + sumSeconds(v2.failed, from, to),
    serverErrors: sumSeconds(tallies.versions[role].serverErrors, from, to),
  };
}

/** A recorded series: its labels and samples (stale markers flagged). */
export interface ReadSeries {
  readonly labels: Labels;
  readonly samples: readonly { readonly t: Millis; readonly value: number; readonly stale: boolean }[];
}

/** Every series in the store whose labels include all of `match`. */
export function readSeries(store: SeriesStore, match: Labels): ReadSeries[] {
  const out: ReadSeries[] = [];
  for (let ref = 0; ref < store.size; ref++) {
    const labels = store.labels(ref);
    if (!Object.entries(match).every(([k, v]) => labels[k] === v)) continue;
    const s = store.series(ref);
    const samples = [];
    for (let i = 0; i < s.length; i++) samples.push({ t: s.t[i], value: s.v[i], stale: s.isStale(i) });
    out.push({ labels, samples });
  }
  return out;
}

/** Sum over series of each one's last non-stale sample at or before t. */
export function sumAt(series: readonly ReadSeries[], t: Millis): number {
  let total = 0;
  for (const s of series) {
    let value = 0;
    for (const x of s.samples) if (x.t <= t && !x.stale) value = x.value;
    total += value;
  }
  return total;
}
