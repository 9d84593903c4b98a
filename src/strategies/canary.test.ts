import { describe, expect, it } from 'vitest';
import { alert, analysis, background, harness } from '../controller/testing.js';
import type { CanaryStepModel, StrategyModel } from '../scenario/model.js';
import type { AnalysisScript } from '../targets/fake/fake-analysis.js';

type Canary = Extract<StrategyModel, { kind: 'canary' }>;

function canary(steps: CanaryStepModel[], overrides: Partial<Canary> = {}): Canary {
  return {
    kind: 'canary',
    name: 'canary',
    alerts: [alert('HighErrorRate')],
    steps,
    analysis: null,
    trafficRouting: true,
    abortScaleDownDelaySeconds: 30,
    maxSurge: { percent: 25 },
    maxUnavailable: { percent: 25 },
    ...overrides,
  };
}

const setWeight = (weight: number): CanaryStepModel => ({ kind: 'setWeight', weight });
const pause = (seconds: number | null): CanaryStepModel => ({
  kind: 'pause',
  durationMs: seconds === null ? null : seconds * 1000,
});
const analysisStep: CanaryStepModel = { kind: 'analysis', analysis: analysis() };

describe('canary with traffic routing', () => {
  it('happy path: weight follows canary availability, analysis gates, promotion, v1 scaled down 30 s later', () => {
    const strategy = canary([setWeight(25), pause(60), analysisStep, setWeight(50), pause(30)], {
      analysis: background(2),
    });
    const script: AnalysisScript = (name) =>
      name === 'canary-step-2' ? [{ afterMs: 30_000, phase: 'Successful' }] : [];
    const h = harness({ strategy, replicas: 4, script });
    h.controller.start();
    h.runUntil(105_000);
    // setWeight 50 at 100 s scaled the canary to 2, but the mesh keeps 25 until both pods are available
    expect(h.target.canaryPercent()).toBe(25);
    h.runUntil(400_000);
    expect(h.calls()).toEqual([
      '0 route weight 0',
      '0 scale canary=1', // ceil(25% × 4)
      '10s route weight 25', // once that pod is available
      '100s scale canary=2',
      '110s route weight 50',
      '140s scale canary=4', // after the last step: 100%
      '150s route weight 100',
      '180s scale stable=0', // scaleDownDelaySeconds 30 after promotion
    ]);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '0 step 0 setWeight 25',
      '10s step 1 pause 1m',
      '10s paused CanaryPauseStep: step 1 (pause 1m)',
      '70s step 2 analysis error-rate',
      '100s step 3 setWeight 50',
      '110s step 4 pause 30s',
      '110s paused CanaryPauseStep: step 4 (pause 30s)',
      '140s step 5 all steps complete',
      '150s fullyPromoted',
      '185s completed Healthy',
    ]);
    expect(h.analysis.runs.map((r) => [r.name, r.startedAt, r.terminatedAt])).toEqual([
      ['canary-step-2', 70_000, null],
      ['canary-background', 70_000, 150_000], // from startingStep 2 until promotion
    ]);
    expect(h.controller.status()).toMatchObject({
      phase: 'Healthy',
      currentStepIndex: 5,
      fullyPromotedAt: 150_000,
      promotedAt: 150_000,
      settledAt: 185_000,
    });
  });

  it('background analysis starts at startingStep, not before', () => {
    const strategy = canary([setWeight(20), pause(10), setWeight(40), pause(10)], {
      analysis: background(2),
    });
    const h = harness({ strategy, replicas: 10 });
    h.controller.start();
    h.runUntil(500_000);
    // step 2 (setWeight 40) is entered when the 10 s pause after the first setWeight ends: 10 s + 10 s
    expect(h.analysis.runs.map((r) => [r.name, r.startedAt])).toEqual([['canary-background', 20_000]]);
    expect(h.events()).toContain('20s step 2 setWeight 40');
  });

  it('inline analysis Failed: abort — weight 0 at once, canary scaled to 0 after abortScaleDownDelaySeconds', () => {
    const strategy = canary([setWeight(50), analysisStep, pause(60)]);
    const h = harness({ strategy, replicas: 4, script: () => [{ afterMs: 40_000, phase: 'Failed' }] });
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual([
      '0 route weight 0',
      '0 scale canary=2',
      '10s route weight 50',
      '50s route weight 0',
      '80s scale canary=0',
    ]);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '0 step 0 setWeight 50',
      '10s step 1 analysis error-rate',
      '50s detected analysis canary-step-1',
      '50s abort AnalysisRun canary-step-1 Failed',
      '50s routingRestored',
      '85s completed Degraded',
    ]);
    expect(h.controller.status()).toMatchObject({
      phase: 'Degraded',
      abortedAt: 50_000,
      currentStepIndex: 1,
    });
  });

  describe('abort at each kind of step (background analysis Error at 25 s)', () => {
    const header: CanaryStepModel = {
      kind: 'setHeaderRoute',
      name: 'beta',
      match: [{ headerName: 'x-canary', headerValue: { exact: 'yes' } }],
    };
    const mirror: CanaryStepModel = { kind: 'setMirrorRoute', name: 'shadow', percentage: 30, enabled: true };
    const scale: CanaryStepModel = {
      kind: 'setCanaryScale',
      replicas: 3,
      weight: null,
      matchTrafficWeight: false,
    };
    const cases: [string, CanaryStepModel[], string[]][] = [
      [
        'setWeight (new canary pods still starting)',
        [setWeight(10), pause(10), setWeight(75)],
        ['0 route weight 0', '0 scale canary=1', '10s route weight 10', '20s scale canary=3'],
      ],
      ['pause', [setWeight(25), pause(60)], ['0 route weight 0', '0 scale canary=1', '10s route weight 25']],
      [
        'analysis',
        [setWeight(25), analysisStep],
        ['0 route weight 0', '0 scale canary=1', '10s route weight 25'],
      ],
      [
        'setHeaderRoute / setMirrorRoute',
        [header, mirror, setWeight(25), pause(null)],
        [
          '0 route weight 0, header x-canary',
          '0 route weight 0, header x-canary, mirror 30%',
          '0 scale canary=1',
          '10s route weight 25, header x-canary, mirror 30%',
        ],
      ],
      [
        'setCanaryScale (3 pods, kept through the next setWeight)',
        [scale, setWeight(25), pause(60)],
        ['0 route weight 0', '0 scale canary=3', '10s route weight 25'],
      ],
    ];
    it.each(cases)('%s', (_kind, steps, before) => {
      const script: AnalysisScript = (name) =>
        name === 'canary-background' ? [{ afterMs: 25_000, phase: 'Error' }] : [];
      const h = harness({
        strategy: canary(steps, { analysis: background(0) }),
        replicas: 4,
        startupMs: 10_000,
        script,
      });
      h.controller.start();
      h.runUntil(300_000);
      // header and mirror routes go with the weight
      expect(h.calls()).toEqual([...before, '25s route weight 0', '55s scale canary=0']);
      expect(h.events().slice(-4)).toEqual([
        '25s detected analysis canary-background',
        '25s abort AnalysisRun canary-background Error',
        '25s routingRestored',
        '60s completed Degraded',
      ]);
      expect(h.analysis.runs.every((r) => r.phase() !== 'Running')).toBe(true);
    });
  });

  it('Inconclusive pauses for good (no human); a later alert still aborts', () => {
    const strategy = canary([setWeight(25), analysisStep, setWeight(50)]);
    const h = harness({ strategy, replicas: 4, script: () => [{ afterMs: 20_000, phase: 'Inconclusive' }] });
    h.alerts.fireAt(200_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(150_000);
    expect(h.controller.status()).toMatchObject({
      phase: 'Paused',
      settledAt: 30_000,
      settledAs: 'Paused',
      currentStepIndex: 1,
    });
    expect(h.events().slice(-2)).toEqual([
      '30s paused InconclusiveAnalysis: AnalysisRun canary-step-1 Inconclusive',
      '30s completed Paused',
    ]);
    h.runUntil(400_000);
    expect(h.calls()).toEqual([
      '0 route weight 0',
      '0 scale canary=1',
      '10s route weight 25',
      '200s route weight 0',
      '230s scale canary=0',
    ]);
    expect(h.controller.status()).toMatchObject({
      phase: 'Degraded',
      settledAt: 235_000,
      settledAs: 'Degraded',
    });
  });

  it('abortScaleDownDelaySeconds 0 = never: the canary is left running after the abort', () => {
    const strategy = canary([setWeight(50), pause(null)], { abortScaleDownDelaySeconds: 0 });
    const h = harness({ strategy, replicas: 4 });
    h.alerts.fireAt(30_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(600_000);
    expect(h.calls()).toEqual([
      '0 route weight 0',
      '0 scale canary=2',
      '10s route weight 50',
      '30s route weight 0',
    ]);
    expect(h.target.status('canary')).toMatchObject({ replicas: 2, ready: 2 });
    expect(h.controller.status()).toMatchObject({ settledAt: 30_000, settledAs: 'Degraded' });
  });

  it('undo after promotion, within scaleDownDelay: v1 still up, weight back to 0 at once', () => {
    const h = harness({ strategy: canary([setWeight(50)]), replicas: 4 });
    h.alerts.fireAt(30_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual([
      '0 route weight 0',
      '0 scale canary=2',
      '10s route weight 50',
      '10s scale canary=4',
      '20s route weight 100',
      '30s route weight 0',
      '60s scale canary=0',
    ]);
    expect(h.events().slice(-5)).toEqual([
      '20s fullyPromoted',
      '30s detected alert HighErrorRate',
      '30s abort alert HighErrorRate firing: rollout undo',
      '30s routingRestored',
      '65s completed Degraded',
    ]);
  });

  it('undo after v1 was scaled down: v1 scaled up, weight 0 once its R pods are ready', () => {
    const h = harness({ strategy: canary([setWeight(50)]), replicas: 4 });
    h.alerts.fireAt(100_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls().slice(4)).toEqual([
      '20s route weight 100',
      '50s scale stable=0',
      '100s scale stable=4',
      '110s route weight 0',
      '140s scale canary=0',
    ]);
    expect(h.controller.status()).toMatchObject({ routingRestoredAt: 110_000, settledAt: 145_000 });
  });
});

describe('canary without traffic routing (replica-count split)', () => {
  it('41% of 10 replicas → 4 canary and 6 stable, moved within maxSurge/maxUnavailable', () => {
    const h = harness({
      strategy: canary([setWeight(41), pause(null)], { trafficRouting: false }),
      replicas: 10,
    });
    h.controller.start();
    h.runUntil(100_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable+canary',
      '0 scale stable=8', // 8 available = 10 − maxUnavailable 2
      '0 scale canary=4', // 12 pods ≤ 10 + maxSurge 3
      '10s scale stable=6',
    ]);
    expect(h.target.canaryPercent()).toBe(40);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '0 step 0 setWeight 41',
      '10s step 1 pause (until promoted)',
      '10s paused CanaryPauseStep: step 1 (pause (until promoted))',
      '10s completed Paused',
    ]);
  });

  it('abort goes back by replica count: v1 surges first, v2 shrinks as v1 becomes available (no abort delay)', () => {
    const h = harness({
      strategy: canary([setWeight(41), pause(null)], { trafficRouting: false }),
      replicas: 10,
    });
    h.alerts.fireAt(20_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(100_000);
    expect(h.calls().slice(4)).toEqual([
      '20s scale stable=9',
      '20s scale canary=2',
      '20s scale stable=10',
      '30s scale canary=0',
    ]);
    expect(h.events().slice(-3)).toEqual([
      '20s abort alert HighErrorRate firing',
      '30s routingRestored',
      '35s completed Degraded',
    ]);
  });

  it('happy path: at 100% the stable is scaled away under the fenceposts, then promotion', () => {
    const h = harness({ strategy: canary([setWeight(50)], { trafficRouting: false }), replicas: 4 });
    h.controller.start();
    h.runUntil(200_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable+canary',
      '0 scale stable=3', // 3 available = 4 − maxUnavailable 1
      '0 scale canary=2', // 5 pods = 4 + maxSurge 1
      '10s scale stable=2', // 2/2: setWeight 50 reached, last step done: now toward 100%
      '10s scale stable=1',
      '10s scale canary=4',
      '20s scale stable=0',
    ]);
    expect(h.events().slice(-3)).toEqual([
      '10s step 1 all steps complete',
      '20s fullyPromoted',
      '25s completed Healthy',
    ]);
  });

  it('setHeaderRoute without a router is refused loudly', () => {
    const steps: CanaryStepModel[] = [{ kind: 'setHeaderRoute', name: 'h', match: [] }];
    expect(() => harness({ strategy: canary(steps, { trafficRouting: false }) })).toThrow(
      /needs trafficRouting/,
    );
  });
});
