import { describe, expect, it } from 'vitest';
import { alert, analysis, background, harness } from '../controller/testing.js';
import type { CanaryStepModel, StrategyModel } from '../scenario/model.js';
import type { AnalysisScript } from '../targets/fake/fake-analysis.js';

type FeatureFlag = Extract<StrategyModel, { kind: 'featureFlag' }>;

const steps: CanaryStepModel[] = [
  { kind: 'setWeight', weight: 10 },
  { kind: 'pause', durationMs: 60_000 },
  { kind: 'analysis', analysis: analysis() },
  { kind: 'setWeight', weight: 50 },
  { kind: 'pause', durationMs: 60_000 },
];

function flag(overrides: Partial<FeatureFlag> = {}): FeatureFlag {
  return {
    kind: 'featureFlag',
    name: 'flag',
    alerts: [alert('HighErrorRate')],
    steps,
    analysis: background(1),
    ...overrides,
  };
}

const stepAnalysisPasses: AnalysisScript = (name) =>
  name === 'flag-step-2' ? [{ afterMs: 30_000, phase: 'Successful' }] : [];

describe('featureFlag', () => {
  it('steps the flag percentage with pauses and analysis; no pod is touched; 100% at the end', () => {
    const h = harness({ strategy: flag(), replicas: 4, script: stepAnalysisPasses });
    h.controller.start();
    h.runUntil(400_000);
    expect(h.calls()).toEqual(['0 flag 10', '90s flag 50', '150s flag 100']);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '0 step 0 setWeight 10',
      '0 step 1 pause 1m',
      '0 paused CanaryPauseStep: step 1 (pause 1m)',
      '60s step 2 analysis error-rate',
      '90s step 3 setWeight 50',
      '90s step 4 pause 1m',
      '90s paused CanaryPauseStep: step 4 (pause 1m)',
      '150s step 5 all steps complete',
      '150s fullyPromoted',
      '150s completed Healthy',
    ]);
    expect(h.analysis.runs.map((r) => [r.name, r.startedAt, r.terminatedAt])).toEqual([
      ['flag-background', 0, 150_000], // from startingStep 1
      ['flag-step-2', 60_000, null],
    ]);
  });

  it('cohort analysis fails: kill switch at once, no deployment', () => {
    const script: AnalysisScript = (name) =>
      name === 'flag-background'
        ? [{ afterMs: 100_000, phase: 'Failed' }]
        : stepAnalysisPasses(name, analysis());
    const h = harness({ strategy: flag(), replicas: 4, script, revertMigrationOnAbort: true });
    h.controller.start();
    h.runUntil(400_000);
    expect(h.calls()).toEqual(['0 flag 10', '90s flag 50', '100s revertMigration', '100s flag 0']);
    expect(h.events().slice(-5)).toEqual([
      '100s detected analysis flag-background',
      '100s abort AnalysisRun flag-background Failed',
      '100s migrationReverted',
      '100s routingRestored',
      '100s completed Degraded',
    ]);
  });

  it('an alert after 100% flips the kill switch too', () => {
    const h = harness({ strategy: flag({ analysis: null }), replicas: 4, script: stepAnalysisPasses });
    h.alerts.fireAt(200_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(400_000);
    expect(h.calls().slice(-2)).toEqual(['150s flag 100', '200s flag 0']);
    expect(h.controller.status()).toMatchObject({ phase: 'Degraded', settledAt: 200_000 });
  });

  it('refuses steps a flag cannot do', () => {
    const bad = flag({ steps: [{ kind: 'setHeaderRoute', name: 'x', match: [] }] });
    expect(() => harness({ strategy: bad })).toThrow(/step setHeaderRoute is not supported/);
  });
});
