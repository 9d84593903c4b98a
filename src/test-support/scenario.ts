/**
 * A small, valid Scenario model built in code, for unit tests that should not depend on
 * the YAML loader. Override any part with `overrides`.
 */
import type { FaultModel, Scenario } from '../scenario/model.js';

export function testScenario(overrides: Partial<Scenario> & { fault?: FaultModel } = {}): Scenario {
  const base: Scenario = {
    name: 'test',
    description: 'a test scenario',
    file: '',
    durationMs: 40 * 60_000,
    leadInMs: 5 * 60_000,
    observeAfterMs: 5 * 60_000,
    scrapeIntervalMs: 15_000,
    alertEvaluationIntervalMs: 15_000,
    fidelity: 'request',
    service: {
      replicas: 10,
      latency: { distribution: 'lognormal', p50Ms: 40, p99Ms: 220 },
      errorRate: 0.001,
      pool: { size: 20, acquireTimeoutMs: 2000 },
      startupMs: 10_000,
      terminationGracePeriodMs: 30_000,
      routes: [
        { name: 'get-order', share: 0.6, db: true, method: 'GET' },
        { name: 'create-order', share: 0.2, db: true, method: 'POST' },
        { name: 'login', share: 0.2, db: false, method: 'POST' },
      ],
    },
    traffic: {
      profile: { points: [{ tMs: 0, rps: 200 }] },
      source: 'rps',
      clients: { v1Shape: 0.7, v2Shape: 0.3 },
      sessions: { share: 0.4, meanLengthMs: 300_000, requestsPerMinute: 6 },
      headers: [],
    },
    affinity: 'none',
    fault: { type: 'none' },
    strategies: [],
    alerts: [],
    trials: 10,
    seed: 1,
    assertions: [],
  };
  return { ...base, ...overrides };
}
