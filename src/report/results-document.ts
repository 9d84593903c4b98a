/**
 * results.json as the report writes it: the run's scenarios and every trial's measures,
 * re-measured from the journals (so it agrees with the report even if the measures
 * changed since the run), and the statistics section. Top-level fields a runner added
 * (the local backend's time scale) are kept.
 */
import { measuresOnly } from './input/report-trial.js';
import { RESULTS_FORMAT, type Results } from './results-json.js';
import type { RunReport } from './run-report.js';
import { statisticsSection } from './statistics-json.js';

export function resultsDocument(report: RunReport): Results {
  const { input } = report;
  return {
    format: RESULTS_FORMAT,
    generator: input.generator,
    backend: input.backend,
    fidelity: input.fidelity,
    ...input.extra,
    scenarios: input.scenarios.map((s) => ({
      name: s.name,
      description: s.description,
      file: s.file,
      faultType: s.faultType,
      seed: s.seed,
      trials: Math.max(0, ...s.cells.map((c) => c.trials.length)),
      assertions: s.assertions,
    })),
    cells: input.scenarios.flatMap((s) =>
      s.cells.map((c) => ({
        scenario: c.scenario,
        strategy: c.strategy,
        strategyKind: c.strategyKind,
        faultType: c.faultType,
        detectors: c.detectors,
        wayBack: c.wayBack,
        journals: c.journals,
        trials: c.trials.map(measuresOnly),
      })),
    ),
    statistics: statisticsSection(report),
  };
}
