import { describe, expect, it } from 'vitest';
import { alert, analysis, harness, metric } from '../controller/testing.js';
import type { StrategyModel } from '../scenario/model.js';

type Shadow = Extract<StrategyModel, { kind: 'shadow' }>;

function shadow(overrides: Partial<Shadow> = {}): Shadow {
  return {
    kind: 'shadow',
    name: 'dark',
    alerts: [alert('HighErrorRate')],
    mirrorPercent: 50,
    durationMs: 120_000,
    analysis: analysis(metric('error-rate', { intervalMs: 30_000, count: null })),
    ...overrides,
  };
}

describe('shadow', () => {
  it('mirrors to a full-size v2 for `duration`, terminates the unbounded run (Successful), then switches', () => {
    const h = harness({ strategy: shadow(), replicas: 4 });
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable',
      '0 scale canary=4',
      '10s route endpoints stable, mirror 50%', // once v2's 4 pods are ready
      '130s route endpoints canary', // duration 120 s later
      '160s scale stable=0',
    ]);
    expect(h.analysis.run('dark-shadow')).toMatchObject({ startedAt: 10_000, terminatedAt: 130_000 });
    expect(h.events()).toEqual(['0 releaseStarted', '130s fullyPromoted', '165s completed Healthy']);
  });

  it('a bounded run (count) is waited for past the duration', () => {
    const strategy = shadow({ analysis: analysis(metric('error-rate', { intervalMs: 60_000, count: 3 })) });
    const h = harness({ strategy, replicas: 4, script: () => [{ afterMs: 150_000, phase: 'Successful' }] });
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toContain('160s route endpoints canary');
    expect(h.analysis.run('dark-shadow').terminatedAt).toBeNull();
  });

  it('failure: mirroring stopped and v2 scaled down; no user was ever on v2', () => {
    const h = harness({
      strategy: shadow(),
      replicas: 4,
      script: () => [{ afterMs: 40_000, phase: 'Failed' }],
    });
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable',
      '0 scale canary=4',
      '10s route endpoints stable, mirror 50%',
      '50s route endpoints stable',
      '50s scale canary=0',
    ]);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '50s detected analysis dark-shadow',
      '50s abort AnalysisRun dark-shadow Failed',
      '50s routingRestored',
      '55s completed Degraded',
    ]);
    expect(h.controller.status().fullyPromotedAt).toBeNull();
  });

  it('undo after promotion within the 30 s scale-down delay switches back at once', () => {
    const h = harness({ strategy: shadow({ analysis: null }), replicas: 4 });
    h.alerts.fireAt(140_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls().slice(3)).toEqual([
      '130s route endpoints canary',
      '140s route endpoints stable',
      '140s scale canary=0',
    ]);
    expect(h.controller.status().detection).toMatchObject({ by: 'alert', afterPromotion: true });
  });
});
