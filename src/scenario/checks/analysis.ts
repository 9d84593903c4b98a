/**
 * Checks of AnalysisTemplates and their metrics beyond the schema: Argo's own validation
 * (utils/analysis/helpers.go ValidateMetric) plus the syntax of queries and conditions.
 */
import { durationToMs } from '../duration.js';
import { DEFAULT_TEMPLATE, type ScenarioParts } from '../parts.js';
import { type Path, type Problem, problem, quote } from '../problem.js';
import type { AnalysisTemplateParsed, MetricParsed } from '../schema.js';
import { conditionProblems, promqlProblems } from './syntax.js';

/** Every template's problems, and template names that clash. */
export function analysisProblems(parts: ScenarioParts): Problem[] {
  const problems: Problem[] = [];
  for (const entry of parts.catalog.values()) {
    if (entry.template) problems.push(...templateProblems(entry.template, entry.path));
  }
  const seen = new Set<string>();
  parts.analysisTemplates.forEach((template, i) => {
    if (!template) return;
    const path = ['spec', 'analysisTemplates', i, 'name'];
    if (template.name === DEFAULT_TEMPLATE) {
      problems.push(
        problem(
          path,
          `the name ${quote(DEFAULT_TEMPLATE)} means spec.analysis; give this template another name`,
        ),
      );
    } else if (seen.has(template.name)) {
      problems.push(problem(path, `duplicate AnalysisTemplate name ${quote(template.name)}`));
    }
    seen.add(template.name);
  });
  return problems;
}

/** Unique metric names (Argo: "duplicate name") and each metric's own problems. */
export function templateProblems(template: AnalysisTemplateParsed, path: Path): Problem[] {
  const problems: Problem[] = [];
  const seen = new Set<string>();
  template.metrics.forEach((metric, i) => {
    const at = [...path, 'metrics', i];
    if (seen.has(metric.name))
      problems.push(problem([...at, 'name'], `duplicate metric name ${quote(metric.name)} in this template`));
    seen.add(metric.name);
    problems.push(...metricProblems(metric, at));
  });
  return problems;
}

/** One metric: exactly one provider, Argo's count rules, and the syntax of its strings. */
export function metricProblems(metric: MetricParsed, path: Path): Problem[] {
  const problems: Problem[] = [...providerProblems(metric, path)];
  const count = metric.count ?? 0;
  if (count > 1 && metric.interval === undefined) {
    problems.push(
      problem(
        [...path, 'count'],
        `count ${count} needs an interval between measurements, e.g. interval: 30s (Argo: "interval must be specified when count > 1")`,
      ),
    );
  }
  for (const limit of ['failureLimit', 'inconclusiveLimit', 'consecutiveSuccessLimit'] as const) {
    const value = metric[limit];
    if (count > 0 && value !== undefined && value > count) {
      problems.push(
        problem(
          [...path, limit],
          `${limit} ${value} is more than count ${count}, so it can never be reached (Argo: "count must be >= ${limit}")`,
        ),
      );
    }
  }
  if (metric.interval !== undefined && durationToMs(metric.interval) === 0) {
    problems.push(problem([...path, 'interval'], 'must be more than 0, e.g. interval: 30s'));
  }
  if (metric.failureLimit === -1 && !(metric.consecutiveSuccessLimit && metric.consecutiveSuccessLimit > 0)) {
    problems.push(
      problem(
        [...path, 'failureLimit'],
        'failureLimit -1 disables failing, so the metric needs consecutiveSuccessLimit > 0 to ever end',
      ),
    );
  }
  if (metric.query !== undefined) problems.push(...promqlProblems([...path, 'query'], metric.query));
  const prometheus = metric.provider?.prometheus;
  if (prometheus)
    problems.push(...promqlProblems([...path, 'provider', 'prometheus', 'query'], prometheus.query));
  const judge = metric.provider?.judge;
  if (judge) {
    problems.push(...promqlProblems([...path, 'provider', 'judge', 'canary'], judge.canary));
    problems.push(...promqlProblems([...path, 'provider', 'judge', 'baseline'], judge.baseline));
  }
  if (metric.successCondition !== undefined) {
    problems.push(...conditionProblems([...path, 'successCondition'], metric.successCondition));
  }
  if (metric.failureCondition !== undefined) {
    problems.push(...conditionProblems([...path, 'failureCondition'], metric.failureCondition));
  }
  return problems;
}

const PROVIDERS = 'query, provider.prometheus, provider.judge';

function providerProblems(metric: MetricParsed, path: Path): Problem[] {
  const present: { name: string; path: Path }[] = [];
  if (metric.query !== undefined) present.push({ name: 'query', path: [...path, 'query'] });
  if (metric.provider?.prometheus)
    present.push({ name: 'provider.prometheus', path: [...path, 'provider', 'prometheus'] });
  if (metric.provider?.judge) present.push({ name: 'provider.judge', path: [...path, 'provider', 'judge'] });
  if (present.length === 0) {
    return [
      problem(
        path,
        `metric ${quote(metric.name)} needs exactly one of ${PROVIDERS}; it has none, e.g. query: sum(rate(http_requests_total[1m]))`,
      ),
    ];
  }
  if (present.length > 1) {
    return [
      problem(
        present[1].path,
        `metric ${quote(metric.name)} has both ${present[0].name} and ${present[1].name}; keep one of ${PROVIDERS}`,
        {
          at: 'key',
        },
      ),
    ];
  }
  return [];
}
