/**
 * The scenario loader's check of spec.assert (src/scenario/checks/assertions.ts): a bad
 * assertion is reported at file:line:col, pointing inside the string.
 */
import { describe, expect, it } from 'vitest';
import { validateScenarioText } from '../../scenario/load.js';

const SCENARIO = `apiVersion: rollout-lab/v1
kind: Scenario
metadata:
  name: gate
spec:
  service:
    replicas: 4
    latency: {distribution: lognormal, p50Ms: 40, p99Ms: 220}
    errorRate: 0.001
  traffic:
    rps: 50
  release:
    fault: {type: FAULT}
  strategies: [rolling, canary]
  analysis:
    metrics:
      - name: error-rate
        interval: 30s
        successCondition: result[0] <= 0.01
        query: sum(rate(http_requests_total{version="canary",status_code=~"5.."}[1m])) / sum(rate(http_requests_total{version="canary"}[1m]))
  alerts:
    - name: HighErrorRate
      expr: sum(rate(http_requests_total{status_code=~"5.."}[2m])) / sum(rate(http_requests_total[2m])) > 0.05
      for: 2m
  assert:
ASSERT`;

function validate(assertions: readonly string[], fault = 'connectionLeak, leakPerRequest: 0.002') {
  const text = SCENARIO.replace('FAULT', fault).replace(
    'ASSERT',
    assertions.map((a) => `    - ${a}`).join('\n'),
  );
  return validateScenarioText(text, 'gate.yaml', { cwd: '/' });
}

describe('the scenario check of spec.assert', () => {
  it('accepts valid assertions', () => {
    const result = validate([
      'canary.detection.p90 < 3m',
      '"*.escapes < 20%"',
      'rolling.blastRadius.median < 5000',
    ]);
    expect(result.ok ? [] : result.errors).toEqual([]);
  });

  it('reports a mistake at its line and column, inside the string', () => {
    const result = validate(['canary.detection.p90 < 3m', 'canary.detecton.p90 < 3m', 'canary.escapes < 3']);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual([
      {
        file: 'gate.yaml',
        line: 27,
        col: 14,
        message: 'spec.assert[1]: invalid assertion: unknown quantity "detecton"; did you mean detection?',
      },
      {
        file: 'gate.yaml',
        line: 28,
        col: 24,
        message: 'spec.assert[2]: invalid assertion: a rate is between 0 and 1 (or 0% and 100%), got 3',
      },
    ]);
  });

  it('rejects unknown strategies and quantities that do not fit the release', () => {
    const leak = validate(['shadow.escapes < 0.2', 'canary.falseRollbacks < 0.1']);
    expect(leak.ok ? [] : leak.errors.map((e) => `${e.line}:${e.col} ${e.message}`)).toEqual([
      '26:7 spec.assert[0]: invalid assertion: no strategy "shadow" in this scenario; the strategies are rolling, canary (or * for all)',
      expect.stringMatching(
        /^27:7 spec\.assert\[1\]: invalid assertion: falseRollbacks are counted in control scenarios/,
      ),
    ]);
    const control = validate(['canary.escapes < 0.2'], 'none');
    expect(control.ok ? [] : control.errors.map((e) => e.message)).toEqual([
      expect.stringMatching(/escapes needs a faulty release; this is a control scenario/),
    ]);
  });
});
