/**
 * What a scenario's queries select (analysis metrics of every strategy, judges, alert
 * rules). The simulator records only those series: a selector can only ever return series
 * its matchers match, so a query's answer is the same whether or not the other series
 * exist — and recording fewer is much faster. A test checks the answers with and without.
 */

import { metricNamesOf, selectsUnnamedMetrics, visit } from '../analysis/promql/metric-names.js';
import { parsePromQL } from '../analysis/promql/parse.js';
import type { LabelMatcher } from '../metrics/label-matcher.js';
import type { MetricModel, Scenario } from '../scenario/model.js';
import type { SeriesFilter } from '../targets/sim/recorder.js';

function metricQueries(metric: MetricModel): string[] {
  const p = metric.provider;
  return p.kind === 'prometheus' ? [p.query] : [p.judge.canary, p.judge.baseline];
}

/** Every PromQL expression of the scenario. */
function scenarioQueries(scenario: Scenario): string[] {
  const queries: string[] = scenario.alerts.map((a) => a.expr);
  for (const strategy of scenario.strategies) {
    for (const a of strategy.alerts) queries.push(a.expr);
    const analyses = [];
    switch (strategy.kind) {
      case 'canary':
      case 'featureFlag':
        if (strategy.analysis) analyses.push(strategy.analysis);
        for (const step of strategy.steps) if (step.kind === 'analysis') analyses.push(step.analysis);
        break;
      case 'blueGreen':
        if (strategy.prePromotionAnalysis) analyses.push(strategy.prePromotionAnalysis);
        if (strategy.postPromotionAnalysis) analyses.push(strategy.postPromotionAnalysis);
        break;
      case 'shadow':
        if (strategy.analysis) analyses.push(strategy.analysis);
        break;
      default:
        break;
    }
    for (const analysis of analyses) {
      for (const metric of analysis.metrics) queries.push(...metricQueries(metric));
    }
  }
  return queries;
}

/** The metric names selected; null when some query selects series without naming a metric. */
export function queriedMetricNames(scenario: Scenario): Set<string> | null {
  const queries = scenarioQueries(scenario);
  const names = new Set<string>();
  for (const q of queries) {
    if (selectsUnnamedMetrics(q)) return null;
    for (const n of metricNamesOf(q)) names.add(n);
  }
  return names;
}

/**
 * Whether a series (by its labels, `__name__` included) could be returned by any selector
 * of the scenario's queries; null when every series could.
 */
export function queriedSeriesFilter(scenario: Scenario): SeriesFilter | null {
  const selectors: (readonly LabelMatcher[])[] = [];
  for (const q of scenarioQueries(scenario)) {
    if (selectsUnnamedMetrics(q)) return null;
    visit(parsePromQL(q), (s) => {
      selectors.push(s.matchers);
    });
  }
  return {
    matches: (labels) => selectors.some((matchers) => matchers.every((m) => m.matches(labels[m.name] ?? ''))),
    // A matcher on a label not given may match: only those on given labels can rule out.
    couldMatch: (partial) =>
      selectors.some((matchers) =>
        matchers.every((m) => partial[m.name] === undefined || m.matches(partial[m.name])),
      ),
  };
}
