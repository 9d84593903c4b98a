import { describe, expect, it } from 'vitest';
import type { MetricModel, StrategyModel } from './model.js';
import { DEFAULT_ROUTES } from './normalize.js';
import { errorsOf, loadInline, MINIMAL_SPEC } from './test-support/inline.js';

const ANALYSIS = `
  analysis:
    metrics:
      - name: error-rate
        interval: 30s
        successCondition: result[0] <= 0.01
        query: sum(rate(http_requests_total{version="canary",status_code=~"5.."}[1m]))
`;

function strategy(spec: string, name: string): StrategyModel {
  const found = loadInline(spec).strategies.find((s) => s.name === name);
  if (!found) throw new Error(`no strategy ${name}`);
  return found;
}

describe('defaults', () => {
  it('fills in every default of a minimal scenario', () => {
    const s = loadInline(MINIMAL_SPEC);
    expect(s).toMatchObject({
      name: 'inline',
      description: '',
      file: '/virtual/scenarios/inline.yaml',
      durationMs: 3_600_000,
      leadInMs: 300_000,
      observeAfterMs: 300_000,
      scrapeIntervalMs: 15_000,
      alertEvaluationIntervalMs: 15_000,
      fidelity: 'tick',
      affinity: 'none',
      fault: { type: 'none' },
      alerts: [],
      trials: 100,
      seed: 1,
      assertions: [],
    });
    expect(s.service).toEqual({
      replicas: 10,
      latency: { distribution: 'lognormal', p50Ms: 40, p99Ms: 220 },
      errorRate: 0,
      pool: { size: 20, acquireTimeoutMs: 2000 },
      startupMs: 10_000,
      terminationGracePeriodMs: 30_000,
      routes: DEFAULT_ROUTES,
    });
    expect(s.traffic).toEqual({
      profile: { points: [{ tMs: 0, rps: 100 }] },
      source: 'rps',
      clients: { v1Shape: 0.7, v2Shape: 0.3 },
      sessions: null,
      headers: [],
    });
  });

  it('has the documented default routes', () => {
    expect(DEFAULT_ROUTES).toEqual([
      { name: 'get-order', share: 0.6, db: true, method: 'GET' },
      { name: 'create-order', share: 0.2, db: true, method: 'POST' },
      { name: 'login', share: 0.2, db: false, method: 'POST' },
    ]);
  });

  it('fills in fault, session and route defaults', () => {
    const s = loadInline(`
  service:
    replicas: 4
    latency: {p50Ms: 10, p99Ms: 90}
    routes:
      - {name: read, share: 0.7}
      - {name: write, share: 0.3, method: POST, db: false}
  traffic:
    rps: 50
    sessions: {share: 0.4}
    headers: [{name: x-canary, value: "1", share: 0.05}]
  release:
    fault: {type: dbSchemaMismatch}
  strategies: [recreate]
`);
    expect(s.service.routes).toEqual([
      { name: 'read', share: 0.7, db: true, method: 'GET' },
      { name: 'write', share: 0.3, db: false, method: 'POST' },
    ]);
    expect(s.traffic.sessions).toEqual({ share: 0.4, meanLengthMs: 300_000, requestsPerMinute: 6 });
    expect(s.traffic.headers).toEqual([{ name: 'x-canary', value: '1', share: 0.05 }]);
    expect(s.fault).toEqual({
      type: 'dbSchemaMismatch',
      change: 'renameColumn',
      expandContract: false,
      revertOnAbort: true,
      revertDurationMs: 30_000,
    });
  });
});

describe('durations', () => {
  it('reads bare numbers as seconds and strings with ms, s, m, h units', () => {
    const s = loadInline(`${MINIMAL_SPEC}  duration: 1.5h
  leadIn: 90
  observeAfter: 1m30s
  scrapeInterval: 250ms
  alertEvaluationInterval: 0
`);
    expect([
      s.durationMs,
      s.leadInMs,
      s.observeAfterMs,
      s.scrapeIntervalMs,
      s.alertEvaluationIntervalMs,
    ]).toEqual([5_400_000, 90_000, 90_000, 250, 0]);
  });

  it('converts pause durations and leaves an open pause null', () => {
    const canary = strategy(
      MINIMAL_SPEC.replace(
        'strategies: [recreate]',
        `strategies:
    - name: paused
      canary:
        steps:
          - setWeight: 10
          - pause: {duration: 45}
          - pause: {duration: 2m}
          - pause: {}`,
      ),
      'paused',
    );
    expect(canary.kind === 'canary' && canary.steps).toEqual([
      { kind: 'setWeight', weight: 10 },
      { kind: 'pause', durationMs: 45_000 },
      { kind: 'pause', durationMs: 120_000 },
      { kind: 'pause', durationMs: null },
    ]);
  });
});

describe('presets', () => {
  const spec = `${MINIMAL_SPEC.replace(
    'strategies: [recreate]',
    'strategies: [recreate, rolling, blue-green, canary, shadow, feature-flag]',
  )}${ANALYSIS}`;
  const s = loadInline(spec);
  const byName = new Map(s.strategies.map((x) => [x.name, x]));
  const defaultMetrics = (byName.get('shadow') as Extract<StrategyModel, { kind: 'shadow' }>).analysis!
    .metrics;
  const gate = { kind: 'analysis', analysis: { templateNames: ['default'], metrics: defaultMetrics } };

  it('keeps the preset names as strategy names, in order', () => {
    expect(s.strategies.map((x) => [x.name, x.kind])).toEqual([
      ['recreate', 'recreate'],
      ['rolling', 'rollingUpdate'],
      ['blue-green', 'blueGreen'],
      ['canary', 'canary'],
      ['shadow', 'shadow'],
      ['feature-flag', 'featureFlag'],
    ]);
    expect(defaultMetrics.map((m) => m.name)).toEqual(['error-rate']);
  });

  it('rolling: maxSurge 25%, maxUnavailable 0', () => {
    expect(byName.get('rolling')).toMatchObject({ maxSurge: { percent: 25 }, maxUnavailable: { count: 0 } });
  });

  it('blue-green: auto-promotion, 30 s scale-down delay, post-promotion analysis only', () => {
    expect(byName.get('blue-green')).toMatchObject({
      autoPromotionEnabled: true,
      scaleDownDelaySeconds: 30,
      prePromotionAnalysis: null,
      postPromotionAnalysis: { templateNames: ['default'], metrics: defaultMetrics },
    });
  });

  it('canary: traffic routing, weights 10/25/50/100 each followed by analysis', () => {
    const canary = byName.get('canary')!;
    expect(canary).toMatchObject({ trafficRouting: true, analysis: null });
    expect(canary.kind === 'canary' && canary.steps).toEqual([
      { kind: 'setWeight', weight: 10 },
      gate,
      { kind: 'setWeight', weight: 25 },
      gate,
      { kind: 'setWeight', weight: 50 },
      gate,
      { kind: 'setWeight', weight: 100 },
    ]);
  });

  it('shadow: all traffic mirrored for 5 minutes, analysed', () => {
    expect(byName.get('shadow')).toMatchObject({ mirrorPercent: 100, durationMs: 300_000 });
  });

  it('feature-flag: the same weights and gates', () => {
    const flag = byName.get('feature-flag')!;
    expect(flag.kind === 'featureFlag' && flag.steps.map((step) => step.kind)).toEqual([
      'setWeight',
      'analysis',
      'setWeight',
      'analysis',
      'setWeight',
      'analysis',
      'setWeight',
    ]);
  });

  it('reports a preset that needs spec.analysis at the preset name', () => {
    expect(errorsOf(MINIMAL_SPEC.replace('[recreate]', '[recreate, canary]'))).toEqual([
      'inline.yaml:13:26: spec.strategies[1] (preset "canary"): unknown AnalysisTemplate "default": this scenario ' +
        'defines none; add spec.analysis (the template named "default") or spec.analysisTemplates',
    ]);
  });
});

describe('alerts', () => {
  const alerts = `
  alerts:
    - {name: HighErrorRate, expr: 'sum(rate(http_requests_total{status_code=~"5.."}[1m])) > 1', for: 2m}
    - {name: SlowRequests, expr: 'histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket[1m]))) > 0.5'}
`;
  const spec = `${MINIMAL_SPEC.replace(
    'strategies: [recreate]',
    `strategies:
    - recreate
    - {name: no-alerts, recreate: {}, alerts: []}
    - {name: slow-only, recreate: {}, alerts: [SlowRequests]}`,
  )}${alerts}`;
  const s = loadInline(spec);

  it('gives every strategy all alerts by default, and converts for', () => {
    expect(s.alerts.map((a) => [a.name, a.forMs])).toEqual([
      ['HighErrorRate', 120_000],
      ['SlowRequests', 0],
    ]);
    expect(s.strategies[0].alerts).toEqual(s.alerts);
  });

  it('lets a strategy choose none or some', () => {
    expect(s.strategies[1].alerts).toEqual([]);
    expect(s.strategies[2].alerts.map((a) => a.name)).toEqual(['SlowRequests']);
  });
});

describe('metrics', () => {
  function metrics(spec: string): readonly MetricModel[] {
    const shadow = loadInline(spec).strategies.find((x) => x.kind === 'shadow');
    if (shadow?.kind !== 'shadow' || !shadow.analysis) throw new Error('no shadow analysis');
    return shadow.analysis.metrics;
  }
  const withShadow = MINIMAL_SPEC.replace('[recreate]', '[shadow]');

  it("applies Argo's defaults and keeps count and interval as given", () => {
    const [m] = metrics(`${withShadow}
  analysis:
    metrics:
      - {name: once, query: up}
`);
    expect(m).toEqual({
      name: 'once',
      intervalMs: null,
      initialDelayMs: 0,
      count: null,
      successCondition: null,
      failureCondition: null,
      failureLimit: 0,
      inconclusiveLimit: 0,
      consecutiveErrorLimit: 4,
      consecutiveSuccessLimit: 0,
      provider: { kind: 'prometheus', query: 'up' },
      dryRun: false,
    });
  });

  it('reads count 0 as unset, as Argo does', () => {
    const [m] = metrics(`${withShadow}
  analysis:
    metrics:
      - {name: zero, count: 0, interval: 1m, query: up}
`);
    expect([m.count, m.intervalMs]).toEqual([null, 60_000]);
  });

  it('keeps what is given, and reads provider.prometheus and provider.judge', () => {
    const [given, prometheus, judge] = metrics(`${withShadow}
  analysis:
    metrics:
      - name: given
        interval: 1m
        initialDelay: 30s
        count: 5
        failureLimit: -1
        inconclusiveLimit: 2
        consecutiveErrorLimit: 0
        consecutiveSuccessLimit: 3
        failureCondition: result[0] > 0.05
        query: up
      - {name: prom, provider: {prometheus: {address: 'http://prometheus:9090', query: 'vector(1)'}}}
      - name: judge
        provider:
          judge: {canary: 'vector(1)', baseline: 'vector(2)', lookback: 10m, step: 30}
`);
    expect(given).toMatchObject({
      intervalMs: 60_000,
      initialDelayMs: 30_000,
      count: 5,
      failureLimit: -1,
      inconclusiveLimit: 2,
      consecutiveErrorLimit: 0,
      consecutiveSuccessLimit: 3,
      failureCondition: 'result[0] > 0.05',
    });
    expect(prometheus.provider).toEqual({ kind: 'prometheus', query: 'vector(1)' });
    expect(judge.provider).toEqual({
      kind: 'judge',
      judge: {
        type: 'mannWhitney',
        canary: 'vector(1)',
        baseline: 'vector(2)',
        lookbackMs: 600_000,
        stepMs: 30_000,
        direction: 'increase',
        confidence: 0.98,
        tolerance: 0.25,
        allowedIncrease: 1,
        allowedDecrease: 1,
      },
    });
  });
});

describe('RolloutAnalysis templates and dryRun (Argo: regular expressions, searched)', () => {
  const templates = `
  analysis:
    metrics:
      - {name: error-rate, interval: 30s, query: up}
      - {name: error-rate-5xx, interval: 30s, query: up}
    dryRun:
      - metricName: latency
  analysisTemplates:
    - name: latency
      metrics:
        - {name: latency-p50, interval: 1m, query: up}
        - {name: latency-p99, interval: 1m, query: up}
`;
  function canary(analysis: string, extra = ''): readonly MetricModel[] {
    const spec = `${MINIMAL_SPEC.replace(
      'strategies: [recreate]',
      `strategies:
    - name: c
      canary:
        steps:
          - analysis: ${analysis}`,
    )}${templates}${extra}`;
    const found = loadInline(spec).strategies[0];
    if (found.kind !== 'canary' || found.steps[0].kind !== 'analysis') throw new Error('unexpected');
    return found.steps[0].analysis.metrics;
  }
  const dry = (ms: readonly MetricModel[]) => ms.filter((m) => m.dryRun).map((m) => m.name);

  it('merges the metrics of the templates in order', () => {
    const ms = canary('{templates: [{templateName: latency}, {templateName: default}]}');
    expect(ms.map((m) => m.name)).toEqual(['latency-p50', 'latency-p99', 'error-rate', 'error-rate-5xx']);
  });

  it("applies a template's dryRun rule to the other templates' metrics of the same run", () => {
    expect(dry(canary('{templates: [{templateName: default}, {templateName: latency}]}'))).toEqual([
      'latency-p50',
      'latency-p99',
    ]);
  });

  it("matches unanchored, as Go's regexp.MatchString", () => {
    const ms = canary(
      '{templates: [{templateName: default}, {templateName: latency}], dryRun: [{metricName: "5xx$"}]}',
    );
    expect(dry(ms)).toEqual(['error-rate-5xx', 'latency-p50', 'latency-p99']);
  });

  it('makes every metric dry-run with .*', () => {
    const ms = canary('{templates: [{templateName: latency}], dryRun: [{metricName: ".*"}]}');
    expect(dry(ms)).toEqual(['latency-p50', 'latency-p99']);
  });

  it('rejects a rule that matches nothing in a run, at the rule', () => {
    const spec = `${MINIMAL_SPEC.replace(
      'strategies: [recreate]',
      `strategies:
    - name: c
      canary:
        steps:
          - analysis: {templates: [{templateName: default}]}`,
    )}${templates}`;
    expect(errorsOf(spec)).toEqual([
      'inline.yaml:24:21: spec.analysis.dryRun[0].metricName: dryRun metricName "latency" matches no metric of the ' +
        'AnalysisRun (error-rate, error-rate-5xx); Argo fails such a run. It is a regular expression searched in ' +
        'each name, e.g. "error-rate" or ".*"',
    ]);
  });

  it('rejects two templates with a metric of the same name in one run', () => {
    const spec = `${MINIMAL_SPEC.replace(
      'strategies: [recreate]',
      `strategies:
    - name: c
      canary:
        steps:
          - analysis: {templates: [{templateName: latency}, {templateName: latency}]}`,
    )}${templates}`;
    expect(errorsOf(spec)[0]).toContain(
      'templates[1].templateName: the AnalysisRun would have two metrics named "latency-p50" (twice)',
    );
  });

  it('gives background analysis startingStep 0 by default', () => {
    const spec = `${MINIMAL_SPEC.replace(
      'strategies: [recreate]',
      `strategies:
    - name: c
      canary:
        steps: [{setWeight: 50}, {setWeight: 100}]
        analysis: {templates: [{templateName: latency}]}`,
    )}${templates}`;
    const c = loadInline(spec).strategies[0];
    expect(c.kind === 'canary' && c.analysis?.startingStep).toBe(0);
    expect(c.kind === 'canary' && c.analysis?.templateNames).toEqual(['latency']);
  });
});

describe('strategies written out', () => {
  it('parses int-or-percent and keeps Argo defaults', () => {
    const spec = MINIMAL_SPEC.replace(
      'strategies: [recreate]',
      `strategies:
    - {name: ru, rollingUpdate: {maxSurge: 2}}
    - {name: bg, blueGreen: {autoPromotionEnabled: false, previewReplicaCount: 2}}
    - name: c
      canary:
        trafficRouting: false
        maxUnavailable: 0
        steps:
          - setCanaryScale: {replicas: 2}
          - setHeaderRoute: {name: h, match: [{headerName: x-canary, headerValue: {exact: "1"}}]}
          - setMirrorRoute: {name: m, percentage: 20, match: [{method: {exact: GET}}]}
          - setMirrorRoute: {name: m}`,
    );
    const [ru, bg, c] = loadInline(spec).strategies;
    expect(ru).toMatchObject({
      kind: 'rollingUpdate',
      maxSurge: { count: 2 },
      maxUnavailable: { percent: 25 },
    });
    expect(bg).toMatchObject({
      autoPromotionEnabled: false,
      autoPromotionSeconds: null,
      scaleDownDelaySeconds: 30,
      abortScaleDownDelaySeconds: 30,
      previewReplicaCount: 2,
    });
    expect(c).toMatchObject({
      trafficRouting: false,
      maxSurge: { percent: 25 },
      maxUnavailable: { count: 0 },
      abortScaleDownDelaySeconds: 30,
    });
    expect(c.kind === 'canary' && c.steps).toEqual([
      { kind: 'setCanaryScale', replicas: 2, weight: null, matchTrafficWeight: false },
      { kind: 'setHeaderRoute', name: 'h', match: [{ headerName: 'x-canary', headerValue: { exact: '1' } }] },
      { kind: 'setMirrorRoute', name: 'm', percentage: 20, enabled: true },
      { kind: 'setMirrorRoute', name: 'm', percentage: 100, enabled: false },
    ]);
  });
});
