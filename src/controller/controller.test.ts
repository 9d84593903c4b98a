import { describe, expect, it, vi } from 'vitest';
import type { AnalysisRunner } from '../analysis/types.js';
import type { StrategyModel } from '../scenario/model.js';
import { createStrategy } from '../strategies/factory.js';
import { describeStrategy } from './controller.js';
import { alert, analysis, background, harness } from './testing.js';

const canary: StrategyModel = {
  kind: 'canary',
  name: 'canary',
  alerts: [alert('HighErrorRate', 120_000), alert('HighLatency')],
  steps: [
    { kind: 'setWeight', weight: 20 },
    { kind: 'pause', durationMs: 60_000 },
    { kind: 'analysis', analysis: analysis() },
  ],
  analysis: background(1),
  trafficRouting: true,
  abortScaleDownDelaySeconds: 30,
  maxSurge: { percent: 25 },
  maxUnavailable: { percent: 25 },
};

describe('RolloutController', () => {
  it('journals the control plane: releaseStarted, step, scale (with times)', () => {
    const h = harness({ strategy: canary, replicas: 4 });
    h.controller.start();
    h.runUntil(20_000);
    const controlPlane = h.journal.events.filter((e) => ['releaseStarted', 'step', 'scale'].includes(e.type));
    expect(controlPlane).toEqual([
      { t: 0, type: 'releaseStarted' },
      { t: 0, type: 'step', index: 0, step: 'setWeight 20' },
      { t: 0, type: 'scale', role: 'canary', replicas: 1 },
      { t: 10_000, type: 'step', index: 1, step: 'pause 1m' },
    ]);
  });

  it('watches the strategy alerts from release start; only the first detection counts', () => {
    const h = harness({ strategy: canary, replicas: 4 });
    h.alerts.fireAt(30_000, 'HighLatency');
    h.alerts.fireAt(40_000, 'HighErrorRate');
    h.controller.start();
    expect(h.alerts.watches[0].rules.map((r) => r.name)).toEqual(['HighErrorRate', 'HighLatency']);
    h.runUntil(100_000);
    const detected = h.journal.events.filter((e) => e.type === 'detected');
    expect(detected).toEqual([{ t: 30_000, type: 'detected', by: 'alert', source: 'HighLatency' }]);
    expect(h.controller.status()).toMatchObject({ phase: 'Degraded', abortedAt: 30_000 });
  });

  it('a human abort (drills) is the third detector', () => {
    const h = harness({ strategy: canary, replicas: 4 });
    h.controller.start();
    h.runUntil(15_000);
    h.controller.abort('operator pressed a');
    h.runUntil(100_000);
    expect(h.events()).toContain('15s detected human human');
    expect(h.events()).toContain('15s abort operator pressed a');
    expect(h.calls()).toContain('15s route weight 0');
  });

  it('revertMigrationOnAbort runs the down migration with the abort', () => {
    const h = harness({ strategy: canary, replicas: 4, revertMigrationOnAbort: true });
    h.alerts.fireAt(30_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(100_000);
    expect(h.calls().filter((c) => c.startsWith('30s'))).toEqual([
      '30s revertMigration',
      '30s route weight 0',
    ]);
    expect(h.events()).toContain('30s migrationReverted');
  });

  it('does not revert a migration unless told to', () => {
    const h = harness({ strategy: canary, replicas: 4 });
    h.alerts.fireAt(30_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(100_000);
    expect(h.target.callsOf('revertMigration')).toEqual([]);
  });

  it('deduplicates reconciles: one per world change, none while settled', () => {
    const strategy: StrategyModel = {
      kind: 'blueGreen',
      name: 'bg',
      alerts: [],
      autoPromotionEnabled: false,
      autoPromotionSeconds: null,
      scaleDownDelaySeconds: 30,
      abortScaleDownDelaySeconds: 30,
      previewReplicaCount: null,
      prePromotionAnalysis: null,
      postPromotionAnalysis: null,
    };
    const h = harness({ strategy, replicas: 10, resyncMs: 30_000 });
    const advance = vi.spyOn(h.controller, 'advance');
    h.controller.start();
    h.runUntil(9_999);
    const beforeReady = advance.mock.calls.length;
    h.runUntil(10_000); // ten pods become ready at once: ten podReady events
    expect(advance.mock.calls.length - beforeReady).toBe(1);
    expect(h.controller.settledAt()).toBe(10_000);
    const settled = advance.mock.calls.length;
    h.runUntil(3_600_000); // paused indefinitely: no resync, nothing
    expect(advance.mock.calls.length).toBe(settled);
  });

  it('resyncs while not settled', () => {
    const strategy: StrategyModel = { ...canary, alerts: [] } as StrategyModel;
    const h = harness({ strategy, replicas: 4, resyncMs: 5_000 });
    const advance = vi.spyOn(h.controller, 'advance');
    h.controller.start();
    h.runUntil(11_000);
    const times = advance.mock.calls.map((_, i) => i);
    expect(times.length).toBeGreaterThan(3);
    h.runUntil(60_000);
    // during the 60 s pause the resync keeps reconciling every 5 s
    expect(advance.mock.calls.length).toBeGreaterThanOrEqual(times.length + 9);
  });

  it('stop(): no more reconciles, alerts unwatched, runs terminated', () => {
    const h = harness({ strategy: canary, replicas: 4 });
    h.controller.start();
    h.runUntil(80_000);
    expect(h.analysis.runs.map((r) => r.name)).toEqual(['canary-background', 'canary-step-2']);
    h.controller.stop();
    expect(h.alerts.watches[0].stoppedAt).toBe(80_000);
    expect(h.analysis.runs.map((r) => r.terminatedAt)).toEqual([80_000, 80_000]);
    const calls = h.calls().length;
    h.alerts.fireAt(90_000, 'HighErrorRate');
    h.runUntil(600_000);
    expect(h.calls().length).toBe(calls);
    expect(h.journal.events.some((e) => e.type === 'detected')).toBe(false);
  });

  it('an AnalysisRun failing as it starts ends the reconcile pass: no forward step after the abort', () => {
    const failAtOnce: AnalysisRunner = {
      start: (name, _analysis, onPhase) => {
        onPhase('Failed');
        return { name, phase: () => 'Failed', terminate: () => {} };
      },
    };
    const strategy = {
      ...canary,
      steps: [
        { kind: 'analysis', analysis: analysis() },
        { kind: 'setWeight', weight: 50 },
      ],
      analysis: null,
    } as StrategyModel;
    const h = harness({ strategy, replicas: 4, analysisRunner: failAtOnce });
    h.controller.start();
    h.runUntil(100_000);
    // step 0 is the analysis: it fails while starting; the canary is never scaled up
    expect(h.calls()).toEqual(['0 route weight 0']);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '0 step 0 analysis error-rate',
      '0 detected analysis canary-step-0',
      '0 abort AnalysisRun canary-step-0 Failed',
      '0 routingRestored',
      '0 completed Degraded',
    ]);
  });

  it('rejects a bad replica count and an unknown strategy kind loudly', () => {
    expect(() => harness({ strategy: canary, replicas: 0 })).toThrow(/replicas must be a positive integer/);
    const unknown = { kind: 'linear', name: 'x', alerts: [] } as unknown as StrategyModel;
    expect(() => createStrategy(unknown, 3)).toThrow(/unknown strategy kind "linear"/);
    expect(() => describeStrategy(unknown)).toThrow(/unknown strategy kind/);
  });
});

describe('describeStrategy', () => {
  it('canary: step and background analysis, then the alerts; weight-0 abort', () => {
    expect(describeStrategy(canary)).toEqual({
      detectors: [
        'analysis: step 2 analysis error-rate',
        'analysis: background AnalysisRun from step 1 (error-rate)',
        'alert: HighErrorRate (for 120s)',
        'alert: HighLatency',
      ],
      wayBack:
        'abort: canary weight to 0 at once (header and mirror routes removed), canary scaled to 0 after 30s; ' +
        'after promotion: v1 redeployed (weight back at once within 30s scaleDownDelay, else scale v1 up and switch when ready)',
    });
  });

  it('every kind says which detector and which way back', () => {
    const models: StrategyModel[] = [
      { kind: 'recreate', name: 'r', alerts: [alert('A')] },
      {
        kind: 'rollingUpdate',
        name: 'ru',
        alerts: [alert('A')],
        maxSurge: { percent: 25 },
        maxUnavailable: { count: 0 },
      },
      {
        kind: 'blueGreen',
        name: 'bg',
        alerts: [],
        autoPromotionEnabled: true,
        autoPromotionSeconds: null,
        scaleDownDelaySeconds: 30,
        abortScaleDownDelaySeconds: 0,
        previewReplicaCount: null,
        prePromotionAnalysis: analysis(),
        postPromotionAnalysis: null,
      },
      { kind: 'shadow', name: 's', alerts: [], mirrorPercent: 100, durationMs: 600_000, analysis: null },
      { kind: 'featureFlag', name: 'f', alerts: [alert('A')], steps: [], analysis: null },
    ];
    expect(models.map(describeStrategy)).toEqual([
      {
        detectors: ['alert: A'],
        wayBack: 'rollout undo: all v2 pods scaled down and gone, then v1 scaled back up (downtime again)',
      },
      {
        detectors: ['alert: A'],
        wayBack: 'rollout undo: reverse rolling update (maxSurge 25%, maxUnavailable 0)',
      },
      {
        detectors: ['analysis: prePromotionAnalysis (error-rate)'],
        wayBack:
          'abort: active selector switched back to v1, preview left running (abortScaleDownDelaySeconds 0); ' +
          'after promotion: v1 redeployed (switch back at once within scaleDownDelaySeconds 30s, else scale v1 up and switch when ready)',
      },
      {
        detectors: ['none'],
        wayBack:
          'abort: mirroring (100%) stopped, v2 scaled down — no user was on v2; after promotion (after 10m of shadow): ' +
          'v1 redeployed (switch back at once within 30s, else scale v1 up and switch when ready)',
      },
      { detectors: ['alert: A'], wayBack: 'kill switch: flag set to 0% at once, no deployment' },
    ]);
  });
});
