/**
 * The metric names a scenario's queries select (analysis metrics of every strategy,
 * judges, alert rules). The simulator records only these series: a query's answer is the
 * same whether or not series nobody selects exist, and recording fewer is much faster.
 * A test checks the answers with and without this.
 */
import { metricNamesOf, selectsUnnamedMetrics } from '../analysis/promql/metric-names.js';
import type { MetricModel, Scenario } from '../scenario/model.js';

function metricQueries(metric: MetricModel): string[] {
  const p = metric.provider;
  return p.kind === 'prometheus' ? [p.query] : [p.judge.canary, p.judge.baseline];
}

/** null when some query selects series without naming a metric: then everything is recorded. */
export function queriedMetricNames(scenario: Scenario): Set<string> | null {
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
    for (const analysis of analyses) for (const metric of analysis.metrics) queries.push(...metricQueries(metric));
  }
  const names = new Set<string>();
  for (const q of queries) {
    if (selectsUnnamedMetrics(q)) return null;
    for (const n of metricNamesOf(q)) names.add(n);
  }
  return names;
}
