import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { normalizeJournal } from '../journal/journal-file.js';
import { measureTrial } from '../measure/trial-measures.js';
import { removeCompiledService } from '../service/test-support/compiled-service.js';
import { liveChildren } from '../targets/local/child-registry.js';
import { serviceMain } from '../targets/local/test-support/local-fixture.js';
import { RUN_K6_TESTS } from '../traffic/k6/test-support/k6-available.js';
import { runLocalTrial } from './local-trial.js';
import { smallScenario } from './test-support/local-scenarios.js';

afterAll(() => removeCompiledService());

describe('runLocalTrial', () => {
  it('runs a canary on real processes: detects an error spike, aborts, recovers, cleans up', async () => {
    const scenario = smallScenario('spike', '{type: errorSpike, errorRate: 0.3, statusCode: 500}');
    const tmpRoot = mkdtempSync(join(tmpdir(), 'rollout-lab-trial-test-'));
    try {
      const result = await runLocalTrial({
        scenario,
        strategy: scenario.strategies[0],
        trial: 0,
        timeScale: 20,
        serviceMain: serviceMain(),
        tmpRoot,
      });
      const journal = normalizeJournal(result.journal);
      expect(journal.header).toMatchObject({ backend: 'local', timeScale: 20, strategy: 'canary' });
      const types = journal.events.map((e) => e.type);
      for (const t of ['releaseStarted', 'faultOnset', 'detected', 'abort', 'routingRestored', 'end']) {
        expect(types).toContain(t);
      }
      // Events are in time order (the onset was settled in place).
      const times = journal.events.map((e) => e.t);
      expect(times).toEqual([...times].sort((a, b) => a - b));
      const m = measureTrial(journal);
      expect(m.detected).toBe(true);
      expect(m.detector).toBe('analysis');
      expect(m.onsetMs).toBeGreaterThan(scenario.leadInMs);
      expect(m.recovered).toBe(true);
      // Tallies are per scenario second: ~100 real requests/s over ×20 is ~5 per scenario second.
      const perSecond = journal.tallies.versions.stable.requests.slice(10, 50);
      const mean = perSecond.reduce((a, b) => a + b, 0) / perSecond.length;
      expect(mean).toBeGreaterThan(3);
      expect(mean).toBeLessThan(7);
      expect(journal.tallies.versions.canary.requests.reduce((a, b) => a + b, 0)).toBeGreaterThan(0);
      expect(result.interrupted).toBe(false);
      expect(liveChildren()).toEqual([]);
      expect(readdirSync(tmpRoot)).toEqual([]);
    } finally {
      rmSync(tmpRoot, { recursive: true, force: true });
    }
  });

  it('stops at once when aborted, journaling the trial as interrupted', async () => {
    const scenario = smallScenario('control', '{type: none}');
    const tmpRoot = mkdtempSync(join(tmpdir(), 'rollout-lab-trial-test-'));
    const abort = new AbortController();
    try {
      const run = runLocalTrial({
        scenario,
        strategy: scenario.strategies[0],
        trial: 0,
        timeScale: 20,
        serviceMain: serviceMain(),
        tmpRoot,
        signal: abort.signal,
        onTick: (s) => {
          if (s.t > 90_000) abort.abort('SIGTERM');
        },
      });
      const result = await run;
      expect(result.interrupted).toBe(true);
      const end = result.journal.events.at(-1);
      expect(end).toMatchObject({ type: 'end', reason: 'interrupted (SIGTERM)' });
      expect(liveChildren()).toEqual([]);
      expect(readdirSync(tmpRoot)).toEqual([]);
    } finally {
      rmSync(tmpRoot, { recursive: true, force: true });
    }
  });

  it.skipIf(!RUN_K6_TESTS)(
    'runs with k6 as the load: the same detection, tallies in scenario seconds',
    async () => {
      const scenario = smallScenario('spike-k6', '{type: errorSpike, errorRate: 0.3, statusCode: 500}');
      const tmpRoot = mkdtempSync(join(tmpdir(), 'rollout-lab-trial-test-'));
      try {
        const result = await runLocalTrial({
          scenario,
          strategy: scenario.strategies[0],
          trial: 0,
          timeScale: 20,
          serviceMain: serviceMain(),
          tmpRoot,
          load: 'k6',
        });
        const journal = normalizeJournal(result.journal);
        const m = measureTrial(journal);
        expect(m.detected).toBe(true);
        expect(m.onsetMs).toBeGreaterThan(scenario.leadInMs);
        expect(result.sent).toBeGreaterThan(500);
        const perSecond = journal.tallies.versions.stable.requests.slice(40, 60);
        const mean = perSecond.reduce((a, b) => a + b, 0) / perSecond.length;
        expect(mean).toBeGreaterThan(3);
        expect(mean).toBeLessThan(7);
        expect(liveChildren()).toEqual([]);
        expect(readdirSync(tmpRoot)).toEqual([]);
      } finally {
        rmSync(tmpRoot, { recursive: true, force: true });
      }
    },
  );
});
