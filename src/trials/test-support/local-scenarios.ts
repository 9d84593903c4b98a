/**
 * Small scenarios for local-backend tests: 2 replicas, fast service, a short canary, no
 * sessions (so client-observed failures are the fault's and the baseline's only), meant
 * to run at a high time scale.
 */
import { formatScenarioErrors } from '../../scenario/errors.js';
import { validateScenarioText } from '../../scenario/load.js';
import type { Scenario } from '../../scenario/model.js';

/** YAML of a small scenario with `fault` (a flow mapping) and `strategies`. */
export function smallScenarioText(name: string, fault: string, strategies = '[canary]', extra = ''): string {
  return `apiVersion: rollout-lab/v1
kind: Scenario
metadata:
  name: ${name}
spec:
  duration: 10m
  leadIn: 1m
  observeAfter: 1m
  scrapeInterval: 5s
  alertEvaluationInterval: 5s
  service:
    replicas: 2
    latency: {distribution: lognormal, p50Ms: 5, p99Ms: 30}
    errorRate: 0.001
    startup: 5s
  traffic:
    rps: 100
    clients: {v1Shape: 0.7, v2Shape: 0.3}
  release:
    fault: ${fault}
  strategies: ${strategies}
  analysis:
    metrics:
      - name: error-rate
        interval: 10s
        count: 6
        failureLimit: 1
        successCondition: result[0] <= 0.05
        query: |
          (sum(rate(http_requests_total{version="canary",status_code=~"5.."}[30s])) or vector(0))
            /
          sum(rate(http_requests_total{version="canary"}[30s]))
  alerts:
    - name: HighErrorRate
      expr: sum(rate(http_requests_total{status_code=~"5.."}[1m])) / sum(rate(http_requests_total[1m])) > 0.05
      for: 1m
  trials: 1
  seed: 42
${extra}`;
}

export function smallScenario(name: string, fault: string, strategies?: string): Scenario {
  const result = validateScenarioText(
    smallScenarioText(name, fault, strategies),
    `/virtual/scenarios/${name}.yaml`,
  );
  if (!result.ok) throw new Error(formatScenarioErrors(result.errors));
  return result.scenario;
}
