/**
 * A RolloutAnalysis (the templates a strategy names) resolved into the metrics of one
 * AnalysisRun, as Argo builds it (utils/analysis/factory.go): the templates' metrics
 * flattened in order, names unique; their dryRun rules and the RolloutAnalysis's own
 * flattened, each rule unique; a rule is a regular expression *searched* in every metric
 * name (Go's regexp.MatchString, unanchored: `error-rate` also matches `error-rate-p99`,
 * `.*` matches all) and must match at least one, or Argo fails the run.
 */
import { didYouMean } from './did-you-mean.js';
import { DEFAULT_TEMPLATE, type TemplateCatalog } from './parts.js';
import { type Path, type Problem, problem, quote } from './problem.js';
import type { DryRunParsed, MetricParsed, RolloutAnalysisParsed } from './schema.js';

/** A metric of an AnalysisRun, and whether a dryRun rule selects it. */
export interface RunMetric {
  readonly metric: MetricParsed;
  readonly dryRun: boolean;
}

export interface ResolvedAnalysis {
  /** The AnalysisRun's metrics in order; undefined when a template is unknown or invalid. */
  readonly metrics: readonly RunMetric[] | undefined;
  readonly problems: readonly Problem[];
}

interface Rule {
  readonly rule: DryRunParsed;
  readonly path: Path;
}

/**
 * Resolve `analysis`, found at `path`, against the scenario's templates. Problems point at
 * the templateName that is wrong, or at the dryRun rule in the template that defines it.
 */
export function resolveRolloutAnalysis(
  analysis: RolloutAnalysisParsed,
  path: Path,
  catalog: TemplateCatalog,
): ResolvedAnalysis {
  const problems: Problem[] = [];
  const metrics: { metric: MetricParsed; template: string }[] = [];
  const rules: Rule[] = [];
  let complete = true;
  analysis.templates.forEach(({ templateName }, i) => {
    const at = [...path, 'templates', i, 'templateName'];
    const entry = catalog.get(templateName);
    if (!entry) {
      problems.push(problem(at, unknownTemplate(templateName, catalog)));
      complete = false;
      return;
    }
    if (!entry.template) {
      complete = false;
      return;
    }
    for (const metric of entry.template.metrics) {
      const twin = metrics.find((m) => m.metric.name === metric.name);
      if (twin) {
        const where =
          twin.template === templateName
            ? `twice`
            : `in templates ${quote(twin.template)} and ${quote(templateName)}`;
        problems.push(
          problem(
            at,
            `the AnalysisRun would have two metrics named ${quote(metric.name)} (${where}); Argo rejects it`,
          ),
        );
      } else {
        metrics.push({ metric, template: templateName });
      }
    }
    entry.template.dryRun?.forEach((rule, j) => {
      rules.push({ rule, path: [...entry.path, 'dryRun', j, 'metricName'] });
    });
  });
  analysis.dryRun?.forEach((rule, j) => {
    rules.push({ rule, path: [...path, 'dryRun', j, 'metricName'] });
  });
  if (!complete) return { metrics: undefined, problems };

  const names = metrics.map((m) => m.metric.name);
  const dryRunNames = new Set<string>();
  const seen = new Set<string>();
  for (const { rule, path: rulePath } of rules) {
    if (seen.has(rule.metricName)) {
      problems.push(
        problem(
          rulePath,
          `dryRun rule ${quote(rule.metricName)} appears twice in one AnalysisRun; Argo rejects it`,
        ),
      );
      continue;
    }
    seen.add(rule.metricName);
    const matched = matchDryRunRule(rule.metricName, names);
    if (matched === undefined) {
      problems.push(
        problem(rulePath, `dryRun metricName ${quote(rule.metricName)} is not a valid regular expression`),
      );
    } else if (matched.length === 0) {
      problems.push(
        problem(
          rulePath,
          `dryRun metricName ${quote(rule.metricName)} matches no metric of the AnalysisRun (${names.join(', ')}); ` +
            `Argo fails such a run. It is a regular expression searched in each name, e.g. "error-rate" or ".*"`,
        ),
      );
    }
    for (const name of matched ?? []) dryRunNames.add(name);
  }
  return {
    metrics: metrics.map(({ metric }) => ({ metric, dryRun: dryRunNames.has(metric.name) })),
    problems,
  };
}

/**
 * The metric names a dryRun rule selects, as Argo's GetDryRunMetrics: an unanchored regular
 * expression search. undefined when the pattern does not compile.
 * `matchDryRunRule('error', ['error-rate', 'latency'])` → ['error-rate'].
 */
export function matchDryRunRule(metricName: string, names: readonly string[]): string[] | undefined {
  let pattern: RegExp;
  try {
    pattern = new RegExp(metricName);
  } catch {
    return undefined;
  }
  return names.filter((name) => pattern.test(name));
}

function unknownTemplate(name: string, catalog: TemplateCatalog): string {
  const known = [...catalog.keys()];
  if (known.length === 0) {
    return (
      `unknown AnalysisTemplate ${quote(name)}: this scenario defines none; add spec.analysis ` +
      `(the template named ${quote(DEFAULT_TEMPLATE)}) or spec.analysisTemplates`
    );
  }
  const hint =
    name === DEFAULT_TEMPLATE ? '; `default` means spec.analysis, which is not set' : didYouMean(name, known);
  return `unknown AnalysisTemplate ${quote(name)}${hint}; defined here: ${known.join(', ')}`;
}
