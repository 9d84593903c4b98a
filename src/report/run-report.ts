/**
 * The whole report of a run, computed from its re-measured journals: per scenario the
 * statistics of every strategy, the comparisons and their verdicts, the headlines, the
 * assertions' results, the charts and the representative trial. Pure apart from reading
 * the representative trials' journals; the outputs (HTML, Markdown, JSON, JUnit) are
 * rendered from it.
 */
import { type AssertionResult, evaluateAssertions } from './assertions/evaluate.js';
import { type Chart, scenarioCharts } from './charts/scenario-charts.js';
import type { Comparison } from './comparisons/comparison.js';
import { type ScenarioCell, scenarioComparisons } from './comparisons/scenario-comparisons.js';
import { type Headline, headlines } from './headlines.js';
import { type RunInput, readTrialJournal, type ScenarioInput } from './input/run-dir.js';
import { type RepresentativeChoice, representativeTrial } from './representative-trial.js';
import { cellStatistics } from './statistics/cell-statistics.js';
import type { Rate } from './statistics/estimate.js';
import { type Verdict, verdictOf } from './verdicts.js';

/** False-rollback rates by strategy, from the run's control scenario. */
export interface ControlRates {
  readonly scenario: string;
  readonly rates: ReadonlyMap<string, Rate>;
}

export interface ScenarioReport {
  readonly input: ScenarioInput;
  readonly cells: readonly ScenarioCell[];
  readonly comparisons: readonly Comparison[];
  /** Index-aligned with `comparisons`. */
  readonly verdicts: readonly Verdict[];
  readonly headlines: readonly Headline[];
  readonly assertions: readonly AssertionResult[];
  readonly representative: RepresentativeChoice | null;
  readonly charts: readonly Chart[];
  /** Fault scenarios: the run's first control scenario, if any. */
  readonly control: ControlRates | null;
}

export interface RunReport {
  readonly input: RunInput;
  readonly scenarios: readonly ScenarioReport[];
  /** Every assertion of every scenario, in order. */
  readonly assertions: readonly AssertionResult[];
  /** Some assertion failed or could not be evaluated. */
  readonly assertionsFailed: boolean;
}

/** Everything but the charts and control rates of one scenario. */
function scenarioBase(s: ScenarioInput) {
  const cells: ScenarioCell[] = s.cells.map((input) => ({
    input,
    statistics: cellStatistics(input, s.seed),
  }));
  const comparisons = scenarioComparisons(s.name, s.seed, cells);
  const byStrategy = new Map(cells.map((c) => [c.input.strategy, c.statistics]));
  return {
    input: s,
    cells,
    comparisons,
    verdicts: comparisons.map((c) => verdictOf(c, byStrategy, s.faultType)),
    headlines: headlines(
      comparisons,
      cells.map((c) => c.statistics),
    ),
    assertions: evaluateAssertions(s.name, s.faultType, s.assertions, cells),
    representative: representativeTrial(cells),
  };
}

/** The report of a run read with `readRunDir`. */
export async function buildRunReport(input: RunInput): Promise<RunReport> {
  const bases = input.scenarios.map(scenarioBase);
  const controlBase = bases.find((b) => b.input.faultType === 'none');
  const control: ControlRates | null = controlBase
    ? {
        scenario: controlBase.input.name,
        rates: new Map(controlBase.cells.map((c) => [c.input.strategy, c.statistics.falseRollbacks!])),
      }
    : null;
  const scenarios: ScenarioReport[] = [];
  for (const base of bases) {
    const choice = base.representative;
    const timeline = choice
      ? { choice, journal: readTrialJournal(input.dir, choice.cell.input, choice.trial.trial) }
      : null;
    scenarios.push({
      ...base,
      charts: await scenarioCharts(base.input.name, base.cells, timeline),
      control: base.input.faultType === 'none' ? null : control,
    });
  }
  const assertions = scenarios.flatMap((s) => s.assertions);
  return {
    input,
    scenarios,
    assertions,
    assertionsFailed: assertions.some((a) => a.status === 'failed' || a.status === 'error'),
  };
}
