/**
 * Checks of spec.strategies beyond the schema: one kind per strategy and step, unique
 * names, known presets, and references (alert names, AnalysisTemplates) that resolve.
 */
import { didYouMean } from '../did-you-mean.js';
import type { ScenarioParts } from '../parts.js';
import type { PresetCatalog } from '../presets.js';
import { formatPath, type Path, type Problem, problem, quote } from '../problem.js';
import { resolveRolloutAnalysis } from '../rollout-analysis.js';
import {
  CANARY_STEP_KINDS,
  FEATURE_FLAG_STEP_KINDS,
  type RolloutAnalysisParsed,
  STRATEGY_KINDS,
  type StrategyParsed,
} from '../schema.js';
import { exactlyOne } from './exactly-one.js';

/** Every strategy's problems, and names that clash. */
export function strategiesProblems(parts: ScenarioParts, presets: PresetCatalog): Problem[] {
  const problems: Problem[] = [];
  const firstByName = new Map<string, Path>();
  parts.strategies.forEach((ref, i) => {
    const path = ['spec', 'strategies', i];
    if (ref === undefined) return;
    const name = typeof ref === 'string' ? ref : ref.name;
    const namePath = typeof ref === 'string' ? path : [...path, 'name'];
    const first = firstByName.get(name);
    if (first) {
      problems.push(
        problem(
          namePath,
          `duplicate strategy name ${quote(name)} (also ${formatPath(first)}); give each strategy its own name`,
        ),
      );
    } else {
      firstByName.set(name, path);
    }
    if (typeof ref !== 'string') {
      problems.push(...strategyShapeProblems(ref, path), ...strategyReferenceProblems(ref, path, parts));
      return;
    }
    const preset = presets.presets.get(ref);
    if (!preset) {
      problems.push(problem(path, unknownPreset(ref, presets)));
      return;
    }
    // A preset's insides live in the presets file; what fails in this scenario is reported at its name.
    for (const p of strategyReferenceProblems(preset.strategy, preset.path, parts)) {
      const inside =
        p.path.length >= preset.path.length && preset.path.every((part, j) => p.path[j] === part);
      problems.push(
        inside ? { path, message: p.message, label: `${formatPath(path)} (preset ${quote(ref)})` } : p,
      );
    }
  });
  return problems;
}

/** What can be checked of a strategy on its own: exactly one kind, one kind per step. */
export function strategyShapeProblems(strategy: StrategyParsed, path: Path): Problem[] {
  const problems = exactlyOne(strategy, STRATEGY_KINDS, path, 'a strategy');
  const canary = strategy.canary;
  if (canary) {
    canary.steps.forEach((step, i) => {
      const at = [...path, 'canary', 'steps', i];
      problems.push(...exactlyOne(step, CANARY_STEP_KINDS, at, 'a canary step'));
      step.setHeaderRoute?.match?.forEach((match, j) => {
        const valueAt = [...at, 'setHeaderRoute', 'match', j, 'headerValue'];
        problems.push(...exactlyOne(match.headerValue, ['exact', 'prefix', 'regex'], valueAt, 'headerValue'));
      });
      if (step.setCanaryScale) {
        const keys = ['replicas', 'weight', 'matchTrafficWeight'];
        problems.push(...exactlyOne(step.setCanaryScale, keys, [...at, 'setCanaryScale'], 'setCanaryScale'));
      }
    });
    problems.push(
      ...startingStepProblems(canary.analysis?.startingStep, canary.steps.length, [...path, 'canary']),
    );
  }
  const flag = strategy.featureFlag;
  if (flag) {
    flag.steps.forEach((step, i) => {
      problems.push(
        ...exactlyOne(
          step,
          FEATURE_FLAG_STEP_KINDS,
          [...path, 'featureFlag', 'steps', i],
          'a feature-flag step',
        ),
      );
    });
    problems.push(
      ...startingStepProblems(flag.analysis?.startingStep, flag.steps.length, [...path, 'featureFlag']),
    );
  }
  return problems;
}

/** What depends on the rest of the scenario: alert names and AnalysisTemplates. */
export function strategyReferenceProblems(
  strategy: StrategyParsed,
  path: Path,
  parts: ScenarioParts,
): Problem[] {
  const problems: Problem[] = [];
  strategy.alerts?.forEach((name, i) => {
    if (parts.alertNames.includes(name)) return;
    const known =
      parts.alertNames.length > 0
        ? `; spec.alerts defines ${parts.alertNames.join(', ')}`
        : '; spec.alerts defines none';
    problems.push(
      problem(
        [...path, 'alerts', i],
        `unknown alert ${quote(name)}${didYouMean(name, parts.alertNames)}${known}`,
      ),
    );
  });
  for (const { analysis, path: at } of rolloutAnalyses(strategy, path)) {
    problems.push(...resolveRolloutAnalysis(analysis, at, parts.catalog).problems);
  }
  return problems;
}

/** Every RolloutAnalysis a strategy runs, with its path. */
export function rolloutAnalyses(
  strategy: StrategyParsed,
  path: Path,
): { analysis: RolloutAnalysisParsed; path: Path }[] {
  const found: { analysis: RolloutAnalysisParsed; path: Path }[] = [];
  const add = (analysis: RolloutAnalysisParsed | undefined, at: Path) => {
    if (analysis) found.push({ analysis, path: at });
  };
  const { blueGreen, canary, shadow, featureFlag } = strategy;
  add(blueGreen?.prePromotionAnalysis, [...path, 'blueGreen', 'prePromotionAnalysis']);
  add(blueGreen?.postPromotionAnalysis, [...path, 'blueGreen', 'postPromotionAnalysis']);
  canary?.steps.forEach((step, i) => {
    add(step.analysis, [...path, 'canary', 'steps', i, 'analysis']);
  });
  add(canary?.analysis, [...path, 'canary', 'analysis']);
  add(shadow?.analysis, [...path, 'shadow', 'analysis']);
  featureFlag?.steps.forEach((step, i) => {
    add(step.analysis, [...path, 'featureFlag', 'steps', i, 'analysis']);
  });
  add(featureFlag?.analysis, [...path, 'featureFlag', 'analysis']);
  return found;
}

function startingStepProblems(startingStep: number | undefined, steps: number, path: Path): Problem[] {
  if (startingStep === undefined || startingStep < steps) return [];
  return [
    problem(
      [...path, 'analysis', 'startingStep'],
      `must be a 0-based index of one of the ${steps} steps (0 to ${steps - 1}), got ${startingStep}`,
    ),
  ];
}

function unknownPreset(name: string, presets: PresetCatalog): string {
  const names = [...presets.presets.keys()];
  return (
    `unknown strategy preset ${quote(name)}${didYouMean(name, names)}; presets: ${names.join(', ')}; ` +
    `or write the strategy out as a mapping with a name and one of ${STRATEGY_KINDS.join(', ')}`
  );
}
