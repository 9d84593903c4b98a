/**
 * A validated strategy as model data: durations in ms, int-or-percent parsed, analyses
 * resolved into metrics, alert names into rules.
 */
import { durationToMs } from './duration.js';
import { parseIntOrPercent } from './int-or-percent.js';
import { metricModel } from './metric.js';
import type {
  AlertRuleModel,
  BackgroundAnalysisModel,
  CanaryStepModel,
  HeaderValueMatch,
  RolloutAnalysisModel,
  StrategyModel,
} from './model.js';
import type { TemplateCatalog } from './parts.js';
import type { Path } from './problem.js';
import { resolveRolloutAnalysis } from './rollout-analysis.js';
import type {
  BackgroundAnalysisParsed,
  CanaryStepParsed,
  FeatureFlagStepParsed,
  RolloutAnalysisParsed,
  StrategyParsed,
} from './schema.js';

export interface StrategyContext {
  readonly catalog: TemplateCatalog;
  /** spec.alerts: the default alerts of every strategy. */
  readonly alerts: readonly AlertRuleModel[];
}

/** The model of a strategy that passed validation (throws if it did not). */
export function normalizeStrategyModel(strategy: StrategyParsed, context: StrategyContext): StrategyModel {
  const analysis = (a: RolloutAnalysisParsed | undefined) => (a ? rolloutAnalysisModel(a, context) : null);
  const background = (a: BackgroundAnalysisParsed | undefined): BackgroundAnalysisModel | null =>
    a ? { ...rolloutAnalysisModel(a, context), startingStep: a.startingStep ?? 0 } : null;
  const base = {
    name: strategy.name,
    alerts:
      strategy.alerts === undefined
        ? context.alerts
        : strategy.alerts.map((name) => context.alerts.find((rule) => rule.name === name)!),
  };
  const { recreate, rollingUpdate, blueGreen, canary, shadow, featureFlag } = strategy;
  if (recreate) return { ...base, kind: 'recreate' };
  if (rollingUpdate) {
    return {
      ...base,
      kind: 'rollingUpdate',
      maxSurge: parseIntOrPercent(rollingUpdate.maxSurge),
      maxUnavailable: parseIntOrPercent(rollingUpdate.maxUnavailable),
    };
  }
  if (blueGreen) {
    return {
      ...base,
      kind: 'blueGreen',
      autoPromotionEnabled: blueGreen.autoPromotionEnabled,
      autoPromotionSeconds: blueGreen.autoPromotionSeconds ?? null,
      scaleDownDelaySeconds: blueGreen.scaleDownDelaySeconds,
      abortScaleDownDelaySeconds: blueGreen.abortScaleDownDelaySeconds,
      previewReplicaCount: blueGreen.previewReplicaCount ?? null,
      prePromotionAnalysis: analysis(blueGreen.prePromotionAnalysis),
      postPromotionAnalysis: analysis(blueGreen.postPromotionAnalysis),
    };
  }
  if (canary) {
    return {
      ...base,
      kind: 'canary',
      steps: canary.steps.map((step) => canaryStepModel(step, context)),
      analysis: background(canary.analysis),
      trafficRouting: canary.trafficRouting,
      abortScaleDownDelaySeconds: canary.abortScaleDownDelaySeconds,
      maxSurge: parseIntOrPercent(canary.maxSurge),
      maxUnavailable: parseIntOrPercent(canary.maxUnavailable),
    };
  }
  if (shadow) {
    return {
      ...base,
      kind: 'shadow',
      mirrorPercent: shadow.mirrorPercent,
      durationMs: durationToMs(shadow.duration),
      analysis: analysis(shadow.analysis),
    };
  }
  if (featureFlag) {
    return {
      ...base,
      kind: 'featureFlag',
      steps: featureFlag.steps.map((step) => canaryStepModel(step, context)),
      analysis: background(featureFlag.analysis),
    };
  }
  throw new Error(`strategy ${strategy.name} has no kind (validation should have caught it)`);
}

function rolloutAnalysisModel(
  analysis: RolloutAnalysisParsed,
  context: StrategyContext,
): RolloutAnalysisModel {
  const NO_PATH: Path = [];
  const { metrics, problems } = resolveRolloutAnalysis(analysis, NO_PATH, context.catalog);
  if (!metrics || problems.length > 0) {
    throw new Error(`unresolved analysis (validation should have caught it): ${problems[0]?.message}`);
  }
  return {
    templateNames: analysis.templates.map((t) => t.templateName),
    metrics: metrics.map(({ metric, dryRun }) => metricModel(metric, dryRun)),
  };
}

function canaryStepModel(
  step: CanaryStepParsed | FeatureFlagStepParsed,
  context: StrategyContext,
): CanaryStepModel {
  if (step.setWeight !== undefined) return { kind: 'setWeight', weight: step.setWeight };
  if (step.pause)
    return {
      kind: 'pause',
      durationMs: step.pause.duration === undefined ? null : durationToMs(step.pause.duration),
    };
  if (step.analysis) return { kind: 'analysis', analysis: rolloutAnalysisModel(step.analysis, context) };
  if ('setHeaderRoute' in step && step.setHeaderRoute) {
    const route = step.setHeaderRoute;
    return {
      kind: 'setHeaderRoute',
      name: route.name,
      match: (route.match ?? []).map((m) => ({
        headerName: m.headerName,
        headerValue: headerValue(m.headerValue),
      })),
    };
  }
  if ('setMirrorRoute' in step && step.setMirrorRoute) {
    const route = step.setMirrorRoute;
    // Argo: a setMirrorRoute without match removes the route.
    return {
      kind: 'setMirrorRoute',
      name: route.name,
      percentage: route.percentage ?? 100,
      enabled: route.match !== undefined,
    };
  }
  if ('setCanaryScale' in step && step.setCanaryScale) {
    const scale = step.setCanaryScale;
    return {
      kind: 'setCanaryScale',
      replicas: scale.replicas ?? null,
      weight: scale.weight ?? null,
      matchTrafficWeight: scale.matchTrafficWeight ?? false,
    };
  }
  throw new Error('a step without a kind (validation should have caught it)');
}

function headerValue(value: { exact?: string; prefix?: string; regex?: string }): HeaderValueMatch {
  if (value.exact !== undefined) return { exact: value.exact };
  if (value.prefix !== undefined) return { prefix: value.prefix };
  return { regex: value.regex! };
}
