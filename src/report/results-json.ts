/**
 * `results.json`: every trial's measures, one entry per scenario × strategy, and (once the
 * report is built) the `statistics` section. A documented, versioned shape for machines
 * (docs/results-format.md); no timestamps or absolute paths, so the same seed gives the
 * same bytes.
 */
import { relative } from 'node:path';
import type { TrialMeasures } from '../measure/trial-measures.js';
import type { Scenario } from '../scenario/model.js';
import { describeStrategy } from '../strategies/factory.js';
import type { RunPlan } from '../trials/plan.js';
import { cellKey, type MeasuresByCell } from '../trials/runner.js';
import type { StatisticsSection } from './statistics-json.js';

/** @2 added `scenarios[].assertions` and `statistics`. */
export const RESULTS_FORMAT = 'rollout-lab/results@2';

export interface ResultsCell {
  readonly scenario: string;
  readonly strategy: string;
  readonly strategyKind: string;
  readonly faultType: string;
  readonly detectors: readonly string[];
  readonly wayBack: string;
  /** Folder of this cell's journals, relative to results.json. */
  readonly journals: string;
  readonly trials: readonly TrialMeasures[];
}

export interface Results {
  readonly format: typeof RESULTS_FORMAT;
  readonly generator: string;
  readonly backend: string;
  readonly fidelity: string;
  readonly scenarios: readonly {
    readonly name: string;
    readonly description: string;
    readonly file: string;
    readonly faultType: string;
    readonly seed: number;
    readonly trials: number;
    /** The scenario's `spec.assert`, as written. */
    readonly assertions: readonly string[];
  }[];
  readonly cells: readonly ResultsCell[];
  /** The report's statistics; written by the report (`rollout-lab report`, or the end of `run`). */
  readonly statistics?: StatisticsSection;
}

export function buildResults(
  plan: RunPlan,
  measures: MeasuresByCell,
  info: { generator: string; backend: string; fidelity: string | null; seed: number | null; cwd: string },
): Results {
  const cells: ResultsCell[] = [];
  plan.scenarios.forEach((scenario: Scenario, i) => {
    for (const name of plan.strategies[i]) {
      const strategy = scenario.strategies.find((s) => s.name === name)!;
      const described = describeStrategy(strategy);
      cells.push({
        scenario: scenario.name,
        strategy: name,
        strategyKind: strategy.kind,
        faultType: scenario.fault.type,
        detectors: described.detectors,
        wayBack: described.wayBack,
        journals: `journals/${scenario.name}/${name}`,
        trials: measures.get(cellKey(i, name)) ?? [],
      });
    }
  });
  return {
    format: RESULTS_FORMAT,
    generator: info.generator,
    backend: info.backend,
    fidelity: info.fidelity ?? 'scenario',
    scenarios: plan.scenarios.map((s, i) => ({
      name: s.name,
      description: s.description,
      file: s.file ? relative(info.cwd, s.file) : '',
      faultType: s.fault.type,
      seed: info.seed ?? s.seed,
      trials: plan.trials[i],
      assertions: s.assertions,
    })),
    cells,
  };
}
