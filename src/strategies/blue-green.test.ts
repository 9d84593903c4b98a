import { describe, expect, it } from 'vitest';
import { alert, analysis, harness } from '../controller/testing.js';
import type { StrategyModel } from '../scenario/model.js';
import type { AnalysisScript } from '../targets/fake/fake-analysis.js';

type BlueGreen = Extract<StrategyModel, { kind: 'blueGreen' }>;

function blueGreen(overrides: Partial<BlueGreen> = {}): BlueGreen {
  return {
    kind: 'blueGreen',
    name: 'bg',
    alerts: [alert('HighErrorRate')],
    autoPromotionEnabled: true,
    autoPromotionSeconds: null,
    scaleDownDelaySeconds: 30,
    abortScaleDownDelaySeconds: 30,
    previewReplicaCount: null,
    prePromotionAnalysis: analysis(),
    postPromotionAnalysis: analysis(),
    ...overrides,
  };
}

const succeed =
  (preMs: number, postMs: number): AnalysisScript =>
  (name) => [{ afterMs: name.endsWith('pre-promotion') ? preMs : postMs, phase: 'Successful' }];

describe('blueGreen', () => {
  it('preview up, prePromotionAnalysis, switch, postPromotionAnalysis, then v1 scaled down scaleDownDelaySeconds after it', () => {
    const h = harness({ strategy: blueGreen(), replicas: 4, script: succeed(20_000, 60_000) });
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable',
      '0 scale canary=4',
      '30s route endpoints canary', // pre-promotion Successful at 30 s: the switch
      '120s scale stable=0', // post-promotion Successful at 90 s + 30 s scaleDownDelaySeconds
    ]);
    expect(h.analysis.runs.map((r) => `${r.name}@${r.startedAt / 1000}s`)).toEqual([
      'bg-pre-promotion@10s', // once the preview is saturated
      'bg-post-promotion@30s', // once the active selector is on v2
    ]);
    expect(h.events()).toEqual(['0 releaseStarted', '30s fullyPromoted', '125s completed Healthy']);
    expect(h.controller.status()).toMatchObject({
      phase: 'Healthy',
      fullyPromotedAt: 30_000,
      promotedAt: 90_000,
    });
  });

  it('previewReplicaCount and autoPromotionSeconds: small preview, timed pause, then scale to R and switch when ready', () => {
    const strategy = blueGreen({
      previewReplicaCount: 1,
      autoPromotionSeconds: 20,
      prePromotionAnalysis: null,
    });
    const h = harness({ strategy, replicas: 4, script: succeed(0, 10_000) });
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable',
      '0 scale canary=1',
      '30s scale canary=4', // pause from 10 s (preview ready) to 30 s
      '40s route endpoints canary',
      '80s scale stable=0',
    ]);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '10s paused BlueGreenPause: autoPromotionSeconds 20',
      '40s fullyPromoted',
      '85s completed Healthy',
    ]);
  });

  it('autoPromotionEnabled false: paused for a human who never comes — settled, Paused', () => {
    const h = harness({
      strategy: blueGreen({ autoPromotionEnabled: false }),
      replicas: 4,
      script: succeed(5_000, 0),
    });
    h.controller.start();
    h.runUntil(600_000);
    expect(h.calls()).toEqual(['0 route endpoints stable', '0 scale canary=4']);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '15s paused BlueGreenPause: autoPromotionEnabled is false, waiting for a promote',
      '15s completed Paused',
    ]);
    expect(h.controller.status()).toMatchObject({ phase: 'Paused', settledAt: 15_000, settledAs: 'Paused' });
  });

  it('prePromotionAnalysis fails: users never left v1; the preview goes after abortScaleDownDelaySeconds', () => {
    const script: AnalysisScript = () => [{ afterMs: 20_000, phase: 'Failed' }];
    const h = harness({ strategy: blueGreen(), replicas: 4, script });
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual(['0 route endpoints stable', '0 scale canary=4', '60s scale canary=0']);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '30s detected analysis bg-pre-promotion',
      '30s abort AnalysisRun bg-pre-promotion Failed',
      '30s routingRestored',
      '65s completed Degraded',
    ]);
  });

  it('postPromotionAnalysis fails after the switch: the active selector goes back to v1 at once (v1 kept at R)', () => {
    const script: AnalysisScript = (name) =>
      name.endsWith('pre-promotion')
        ? [{ afterMs: 0, phase: 'Successful' }]
        : [{ afterMs: 20_000, phase: 'Failed' }];
    const h = harness({ strategy: blueGreen(), replicas: 4, script });
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable',
      '0 scale canary=4',
      '10s route endpoints canary',
      '30s route endpoints stable',
      '60s scale canary=0',
    ]);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '10s fullyPromoted',
      '30s detected analysis bg-post-promotion',
      '30s abort AnalysisRun bg-post-promotion Failed',
      '30s routingRestored',
      '65s completed Degraded',
    ]);
    expect(h.controller.status().detection?.afterPromotion).toBe(false);
  });

  it('abortScaleDownDelaySeconds 0 = never: the preview is left running', () => {
    const script: AnalysisScript = () => [{ afterMs: 5_000, phase: 'Error' }];
    const h = harness({ strategy: blueGreen({ abortScaleDownDelaySeconds: 0 }), replicas: 4, script });
    h.controller.start();
    h.runUntil(600_000);
    expect(h.calls()).toEqual(['0 route endpoints stable', '0 scale canary=4']);
    expect(h.events().slice(-2)).toEqual(['15s routingRestored', '15s completed Degraded']);
    expect(h.target.status('canary').ready).toBe(4);
  });

  it('undo after promotion within scaleDownDelaySeconds: v1 pods still there, switch back at once', () => {
    const strategy = blueGreen({ prePromotionAnalysis: null, postPromotionAnalysis: null });
    const h = harness({ strategy, replicas: 4 });
    h.alerts.fireAt(25_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable',
      '0 scale canary=4',
      '10s route endpoints canary',
      '25s route endpoints stable',
      '55s scale canary=0',
    ]);
    expect(h.controller.status().detection?.afterPromotion).toBe(true);
  });

  it('undo after v1 was scaled down: scale v1 up, switch when all R are ready', () => {
    const strategy = blueGreen({ prePromotionAnalysis: null, postPromotionAnalysis: null });
    const h = harness({ strategy, replicas: 4 });
    h.alerts.fireAt(100_000, 'HighErrorRate');
    h.controller.start();
    h.runUntil(300_000);
    expect(h.calls()).toEqual([
      '0 route endpoints stable',
      '0 scale canary=4',
      '10s route endpoints canary',
      '40s scale stable=0',
      '100s scale stable=4',
      '110s route endpoints stable',
      '140s scale canary=0',
    ]);
    expect(h.events()).toEqual([
      '0 releaseStarted',
      '10s fullyPromoted',
      '45s completed Healthy',
      '100s detected alert HighErrorRate',
      '100s abort alert HighErrorRate firing: rollout undo',
      '110s routingRestored',
      '145s completed Degraded',
    ]);
  });
});
