/**
 * The `statistics` section of results.json (rollout-lab/statistics@1, documented in
 * docs/results-format.md): per scenario, every strategy's statistics, every comparison
 * with its verdict, the headlines, the assertions' results and the representative trial.
 * Times are ms, rates and shares in [0, 1]; a value that does not exist is null. Numbers
 * are rounded to 7 significant digits, so the file reads well and does not change with
 * the last bits of floating point.
 */
import type { AssertionResult } from './assertions/evaluate.js';
import type { Comparison } from './comparisons/comparison.js';
import { ALPHA } from './comparisons/comparison.js';
import type { RunReport } from './run-report.js';
import type { CellStatistics } from './statistics/cell-statistics.js';
import { CONFIDENCE } from './statistics/estimate.js';
import { RESAMPLES } from './statistics/value-summary.js';
import type { VerdictOutcome } from './verdicts.js';

export const STATISTICS_FORMAT = 'rollout-lab/statistics@1';

export interface ComparisonJson extends Comparison {
  readonly outcome: VerdictOutcome;
  readonly verdict: string;
}

export interface ScenarioStatistics {
  readonly name: string;
  readonly faultType: string;
  /** The base seed the bootstrap draws derive from. */
  readonly seed: number;
  readonly strategies: readonly CellStatistics[];
  readonly comparisons: readonly ComparisonJson[];
  readonly headlines: readonly string[];
  readonly assertions: readonly AssertionResult[];
  /** The scenario whose false rollbacks the table shows (fault scenarios), or null. */
  readonly controlScenario: string | null;
  readonly representativeTrial: {
    readonly strategy: string;
    readonly trial: number;
    readonly reason: string;
  } | null;
}

export interface StatisticsSection {
  readonly format: typeof STATISTICS_FORMAT;
  readonly confidence: number;
  readonly alpha: number;
  readonly multipleComparisons: 'holm';
  readonly bootstrap: { readonly resamples: number; readonly seed: 'derived from each scenario seed' };
  readonly scenarios: readonly ScenarioStatistics[];
  /** Some assertion failed or could not be evaluated. */
  readonly assertionsFailed: boolean;
}

/** Rounds every non-integer number to 7 significant digits (integers stay as they are). */
export function roundNumbers<T>(value: T): T {
  return JSON.parse(
    JSON.stringify(value, (_, v) =>
      typeof v === 'number' && !Number.isInteger(v) && Number.isFinite(v) ? Number(v.toPrecision(7)) : v,
    ),
  ) as T;
}

/** The statistics section of a report. */
export function statisticsSection(report: RunReport): StatisticsSection {
  return roundNumbers({
    format: STATISTICS_FORMAT,
    confidence: CONFIDENCE,
    alpha: ALPHA,
    multipleComparisons: 'holm' as const,
    bootstrap: { resamples: RESAMPLES, seed: 'derived from each scenario seed' as const },
    scenarios: report.scenarios.map((s) => ({
      name: s.input.name,
      faultType: s.input.faultType,
      seed: s.input.seed,
      strategies: s.cells.map((c) => c.statistics),
      comparisons: s.comparisons.map((c, i) => ({
        ...c,
        outcome: s.verdicts[i].outcome,
        verdict: s.verdicts[i].sentence,
      })),
      headlines: s.headlines.map((h) => h.sentence),
      assertions: s.assertions,
      controlScenario: s.control?.scenario ?? null,
      representativeTrial: s.representative
        ? {
            strategy: s.representative.cell.input.strategy,
            trial: s.representative.trial.trial,
            reason: s.representative.reason,
          }
        : null,
    })),
    assertionsFailed: report.assertionsFailed,
  });
}
