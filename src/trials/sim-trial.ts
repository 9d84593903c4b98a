/**
 * One trial on the simulated backend: a fresh world, analysis and controller on a
 * simulated clock, seeded, and the thread's series store for the scenario, emptied (with
 * the PromQL engine over it, kept). The release starts after the lead-in; the trial ends
 * `observeAfter` after the rollout comes to rest, or at the scenario's duration. Returns
 * the journal.
 */
import { PromQLEngine } from '../analysis/promql/engine.js';
import { Priority } from '../clock/clock.js';
import { SimClock } from '../clock/sim-clock.js';
import type { JournalData } from '../journal/journal.js';
import { LabelSetTable } from '../metrics/label-set.js';
import { SeriesStore } from '../metrics/series-store.js';
import type { Scenario, StrategyModel } from '../scenario/model.js';
import { createRng, deriveSeed } from '../stats/rng.js';
import { PerRequestEngine } from '../targets/sim/per-request.js';
import { PerTickEngine } from '../targets/sim/per-tick.js';
import { type SeriesFilter, SeriesLabelCache } from '../targets/sim/recorder.js';
import { SimWorld } from '../targets/sim/world.js';
import { queriedMetricNames, queriedSeriesFilter } from './queried-metrics.js';
import { trialController, trialJournal } from './rollout-wiring.js';

/** Label sets interned once for all the trials this thread runs (they repeat from trial to trial). */
const SHARED_LABEL_SETS = new LabelSetTable();

/**
 * What a scenario's queries select, worked out once per scenario; and the series store its
 * trials in this thread reuse (trials run one at a time: each ends before the next starts),
 * with the PromQL engine over it, whose compiled queries hold across the store's resets.
 */
const QUERIED = new WeakMap<
  Scenario,
  {
    names: Set<string> | null;
    series: SeriesFilter | null;
    labels: SeriesLabelCache;
    store: SeriesStore;
    promql: PromQLEngine;
  }
>();

function queriedFor(scenario: Scenario) {
  let q = QUERIED.get(scenario);
  if (!q) {
    // Room for every scrape of the trial, so series arrays never grow.
    const store = new SeriesStore({
      initialCapacity: Math.ceil(scenario.durationMs / scenario.scrapeIntervalMs) + 2,
      labelSets: SHARED_LABEL_SETS,
    });
    q = {
      names: queriedMetricNames(scenario),
      series: queriedSeriesFilter(scenario),
      labels: new SeriesLabelCache(),
      store,
      promql: new PromQLEngine(store),
    };
    QUERIED.set(scenario, q);
  }
  return q;
}

export interface SimTrialOptions {
  readonly scenario: Scenario;
  readonly strategy: StrategyModel;
  readonly trial: number;
  /** Overrides the scenario's fidelity. */
  readonly fidelity?: 'request' | 'tick';
  /** Base seed (default: the scenario's). */
  readonly seed?: number;
  /** Record every series, not only those the scenario's queries select (slower; for tests). */
  readonly recordAllSeries?: boolean;
  /**
   * Called with the world and store at the end of the trial (for tests and diagnostics).
   * The store is the thread's for this scenario: read it here, as the next trial empties it.
   */
  readonly inspect?: (world: SimWorld, store: SeriesStore) => void;
}

/** The seed of one trial: a function of the base seed, scenario, strategy and trial index only. */
export function trialSeed(base: number, scenario: string, strategy: string, trial: number): number {
  return deriveSeed(base, scenario, strategy, trial);
}

export function runSimTrial(options: SimTrialOptions): JournalData {
  const { scenario, strategy, trial } = options;
  const fidelity = options.fidelity ?? scenario.fidelity;
  const seed = trialSeed(options.seed ?? scenario.seed, scenario.name, strategy.name, trial);
  const clock = new SimClock();
  const journal = trialJournal({ scenario, strategy, trial, seed, backend: 'sim', fidelity, timeScale: 1 });
  const queried = queriedFor(scenario);
  const { store, promql } = queried;
  store.reset();
  const world = new SimWorld({
    scenario,
    clock,
    rng: createRng(seed),
    journal,
    sink: store,
    recordMetrics: options.recordAllSeries ? null : queried.names,
    recordSeries: options.recordAllSeries ? null : queried.series,
    seriesLabels: options.recordAllSeries ? null : queried.labels,
    releaseAt: scenario.leadInMs,
    engine: (w) => (fidelity === 'request' ? new PerRequestEngine(w) : new PerTickEngine(w)),
  });
  const controller = trialController({ scenario, strategy, clock, target: world, journal, query: promql });
  clock.at(scenario.leadInMs, () => controller.start(), Priority.reconcile);

  // Run until the rollout has rested for observeAfter (it may leave rest again, e.g. an
  // alert after promotion), or the scenario's duration.
  let end = scenario.durationMs;
  let reason = 'duration reached';
  while (clock.now() < end) {
    const settled = controller.settledAt();
    end =
      settled === null
        ? scenario.durationMs
        : Math.min(scenario.durationMs, settled + scenario.observeAfterMs);
    reason =
      settled === null ? 'duration reached' : `settled (${controller.status().settledAs}) and observed`;
    clock.runUntil(end, () => controller.settledAt() !== settled);
  }
  controller.stop();
  world.finish(end);
  journal.record({ t: end, type: 'end', reason });
  options.inspect?.(world, store);
  return journal.toData();
}
