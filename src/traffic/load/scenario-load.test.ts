import { describe, expect, it } from 'vitest';
import { testScenario } from '../../test-support/scenario.js';
import { expectedArrivals, scenarioLoadOptions } from './scenario-load.js';

describe('scenarioLoadOptions', () => {
  it("takes the scenario's traffic, routes, seed and error rate, and bounds the requests", () => {
    const scenario = testScenario();
    const o = scenarioLoadOptions(scenario, { target: 'http://127.0.0.1:1', durationMs: 60_000 });
    expect(expectedArrivals(scenario, 0, 60_000)).toBe(12_000);
    expect(o).toMatchObject({
      traffic: scenario.traffic,
      routes: scenario.service.routes,
      seed: 1,
      baselineErrorRate: 0.001,
      maxRequests: 19_000,
      durationMs: 60_000,
    });
    expect(scenarioLoadOptions(scenario, { target: 'x', durationMs: 1_000, seed: 9 }).seed).toBe(9);
  });
});
