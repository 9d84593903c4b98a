/**
 * What every trial wires the same way, whatever world it runs in: the journal and its
 * header, and the rollout controller with its analysis (PromQL over the trial's series,
 * the Mann-Whitney judge) and the standing alert rules.
 */
import { createAlertEvaluator } from '../analysis/alerts.js';
import { createAnalysisRunner } from '../analysis/analysis-run.js';
import { MannWhitneyJudge } from '../analysis/judges/mann-whitney-judge.js';
import { createDispatchProvider } from '../analysis/providers/dispatch.js';
import { createPrometheusProvider } from '../analysis/providers/prometheus.js';
import type { InstantQuery, RangeQuery } from '../analysis/types.js';
import type { Clock } from '../clock/clock.js';
import { RolloutController } from '../controller/controller.js';
import { Journal } from '../journal/journal.js';
import type { Scenario, StrategyModel } from '../scenario/model.js';
import { describeStrategy } from '../strategies/factory.js';
import type { Target } from '../targets/target.js';

export interface TrialJournalOptions {
  readonly scenario: Scenario;
  readonly strategy: StrategyModel;
  readonly trial: number;
  readonly seed: number;
  readonly backend: 'sim' | 'local';
  readonly fidelity: string;
  readonly timeScale: number;
}

/** A trial's journal: its header, and per-second tallies for the scenario's whole duration. */
export function trialJournal(o: TrialJournalOptions): Journal {
  const described = describeStrategy(o.strategy);
  return new Journal(
    {
      scenario: o.scenario.name,
      strategy: o.strategy.name,
      strategyKind: o.strategy.kind,
      trial: o.trial,
      seed: o.seed,
      backend: o.backend,
      fidelity: o.fidelity,
      timeScale: o.timeScale,
      baselineErrorRate: o.scenario.service.errorRate,
      faultType: o.scenario.fault.type,
      releaseAt: o.scenario.leadInMs,
      detectors: described.detectors,
      wayBack: described.wayBack,
    },
    Math.ceil(o.scenario.durationMs / 1000) + 1,
  );
}

export interface ControllerWiring {
  readonly scenario: Scenario;
  readonly strategy: StrategyModel;
  readonly clock: Clock;
  readonly target: Target;
  readonly journal: Journal;
  /** PromQL over the trial's series. */
  readonly query: InstantQuery & RangeQuery;
}

/** The rollout controller of a trial, with its analysis runner and alert evaluator. */
export function trialController(w: ControllerWiring): RolloutController {
  const provider = createDispatchProvider({
    prometheus: createPrometheusProvider(w.query),
    judge: new MannWhitneyJudge(w.query),
  });
  const fault = w.scenario.fault;
  return new RolloutController({
    clock: w.clock,
    target: w.target,
    analysis: createAnalysisRunner({ clock: w.clock, provider, journal: w.journal }),
    alerts: createAlertEvaluator({
      clock: w.clock,
      query: w.query,
      journal: w.journal,
      evaluationIntervalMs: w.scenario.alertEvaluationIntervalMs,
    }),
    journal: w.journal,
    strategy: w.strategy,
    replicas: w.scenario.service.replicas,
    revertMigrationOnAbort: fault.type === 'dbSchemaMismatch' && fault.revertOnAbort,
  });
}
