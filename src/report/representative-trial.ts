/**
 * Which trial the timeline shows. The strategy: the scenario's first canary (its analysis
 * makes the richest timeline), else its first strategy. The trial: the one whose detection
 * time is closest to that strategy's Kaplan–Meier median (a typical trial, not an
 * extreme one); when the median is not reached, or in a control scenario, the one whose
 * failed requests are closest to the median. Ties go to the lower trial number.
 */
import { linearQuantile } from '../stats/linear-quantile.js';
import type { ScenarioCell } from './comparisons/scenario-comparisons.js';
import type { ReportTrial } from './input/report-trial.js';

export interface RepresentativeChoice {
  readonly cell: ScenarioCell;
  readonly trial: ReportTrial;
  /** Why this trial, in a few words. */
  readonly reason: string;
}

function closest(
  trials: readonly ReportTrial[],
  value: (t: ReportTrial) => number,
  target: number,
): ReportTrial {
  let best = trials[0];
  for (const t of trials) {
    const d = Math.abs(value(t) - target);
    const bestD = Math.abs(value(best) - target);
    if (d < bestD || (d === bestD && t.trial < best.trial)) best = t;
  }
  return best;
}

/** The representative trial of a scenario; null when no strategy has trials. */
export function representativeTrial(cells: readonly ScenarioCell[]): RepresentativeChoice | null {
  const withTrials = cells.filter((c) => c.input.trials.length > 0);
  const cell = withTrials.find((c) => c.input.strategyKind === 'canary') ?? withTrials[0];
  if (!cell) return null;
  const trials = cell.input.trials;
  const median = cell.statistics.detection?.time.median.estimate ?? null;
  const detected = trials.filter((t) => t.detectionMs !== null);
  if (median !== null && detected.length > 0) {
    return {
      cell,
      trial: closest(detected, (t) => t.detectionMs!, median),
      reason: 'detection time closest to the median',
    };
  }
  const failed = Float64Array.from(trials.map((t) => t.failedAboveBaseline)).sort();
  return {
    cell,
    trial: closest(trials, (t) => t.failedAboveBaseline, linearQuantile(failed, 0.5)),
    reason: 'failed requests closest to the median',
  };
}
