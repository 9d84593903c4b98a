/**
 * One Argo metric as model data, with Argo's documented defaults.
 */
import { durationToMs } from './duration.js';
import type { MetricModel, MetricProviderModel } from './model.js';
import type { MetricParsed } from './schema.js';

/** Argo's defaults (analysis/analysis.go, utils/analysis/helpers.go). */
export const METRIC_DEFAULTS = {
  failureLimit: 0,
  inconclusiveLimit: 0,
  consecutiveErrorLimit: 4,
  consecutiveSuccessLimit: 0,
} as const;

/**
 * The model of a validated metric. `count` and `interval` stay as given (null when absent,
 * and count 0 is absent, as in Argo):
 * what absence means (one measurement, or until terminated) is the AnalysisRun's business.
 * `dryRun` is decided per AnalysisRun, by its dryRun rules.
 */
export function metricModel(metric: MetricParsed, dryRun: boolean): MetricModel {
  return {
    name: metric.name,
    intervalMs: metric.interval === undefined ? null : durationToMs(metric.interval),
    initialDelayMs: metric.initialDelay === undefined ? 0 : durationToMs(metric.initialDelay),
    // Argo's EffectiveCount treats count 0 as unset.
    count: metric.count === undefined || metric.count === 0 ? null : metric.count,
    successCondition: metric.successCondition ?? null,
    failureCondition: metric.failureCondition ?? null,
    failureLimit: metric.failureLimit ?? METRIC_DEFAULTS.failureLimit,
    inconclusiveLimit: metric.inconclusiveLimit ?? METRIC_DEFAULTS.inconclusiveLimit,
    consecutiveErrorLimit: metric.consecutiveErrorLimit ?? METRIC_DEFAULTS.consecutiveErrorLimit,
    consecutiveSuccessLimit: metric.consecutiveSuccessLimit ?? METRIC_DEFAULTS.consecutiveSuccessLimit,
    provider: providerModel(metric),
    dryRun,
  };
}

function providerModel(metric: MetricParsed): MetricProviderModel {
  if (metric.query !== undefined) return { kind: 'prometheus', query: metric.query };
  if (metric.provider?.prometheus) return { kind: 'prometheus', query: metric.provider.prometheus.query };
  const judge = metric.provider?.judge;
  if (!judge) throw new Error(`metric ${metric.name} has no provider (validation should have caught it)`);
  return {
    kind: 'judge',
    judge: {
      type: judge.type,
      canary: judge.canary,
      baseline: judge.baseline,
      lookbackMs: durationToMs(judge.lookback),
      stepMs: durationToMs(judge.step),
      direction: judge.direction,
      confidence: judge.confidence,
      tolerance: judge.tolerance,
      allowedIncrease: judge.allowedIncrease,
      allowedDecrease: judge.allowedDecrease,
    },
  };
}
