/**
 * The per-tick fidelity agrees with the per-request one on every shipped scenario, for
 * every strategy: the same trials (same seeds) are run both ways and their measures
 * compared — detection rate (Fisher's exact test), detection time (log-rank, censored
 * trials kept), failed requests above baseline and affected sessions (Mann-Whitney) —
 * with Holm's correction over the comparisons of a strategy. A comparison passes when
 * its adjusted p-value is at least 0.001, or when the difference is too small to matter
 * (an equivalence margin: detection medians within 5 s or 5% — detection happens at
 * measurement instants —, harm medians within 10% plus a small count). Seeds are fixed:
 * the outcome is deterministic.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { measureTrial, type TrialMeasures } from '../measure/trial-measures.js';
import { loadScenario } from '../scenario/load.js';
import { fisherExact, holmAdjust, logRankTest, mannWhitneyU } from '../stats/index.js';
import { runSimTrial } from './sim-trial.js';

const TRIALS = 10;
const ALPHA = 0.001;
const SCENARIOS_DIR = new URL('../../scenarios/', import.meta.url).pathname;
const files = readdirSync(SCENARIOS_DIR)
  .filter((f) => f.endsWith('.yaml'))
  .sort();

function measures(file: string, strategyName: string, fidelity: 'request' | 'tick'): TrialMeasures[] {
  const scenario = loadScenario(join(SCENARIOS_DIR, file));
  const strategy = scenario.strategies.find((s) => s.name === strategyName)!;
  const out: TrialMeasures[] = [];
  for (let trial = 0; trial < TRIALS; trial++) {
    out.push(measureTrial(runSimTrial({ scenario, strategy, trial, fidelity, seed: 1234 })));
  }
  return out;
}

interface Comparison {
  readonly what: string;
  readonly p: number;
  /** The difference is too small to matter (an equivalence margin). */
  readonly negligible: boolean;
}

function mwP(a: readonly number[], b: readonly number[]): number {
  const all = [...a, ...b];
  if (all.every((x) => x === all[0])) return 1;
  return mannWhitneyU(a, b).pValue;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((x, y) => x - y);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

/** |median a − median b| within `relative` of the larger median plus `absolute`. */
function mediansWithin(
  a: readonly number[],
  b: readonly number[],
  relative: number,
  absolute: number,
): boolean {
  const ma = median(a);
  const mb = median(b);
  return Math.abs(ma - mb) <= relative * Math.max(Math.abs(ma), Math.abs(mb)) + absolute;
}

function harm(what: string, a: readonly number[], b: readonly number[], absolute: number): Comparison {
  return {
    what: `${what}: medians ${median(a)} vs ${median(b)}`,
    p: mwP(a, b),
    negligible: mediansWithin(a, b, 0.1, absolute),
  };
}

describe.each(files)('per-tick agrees with per-request on %s', (file) => {
  const scenario = loadScenario(join(SCENARIOS_DIR, file));
  it.each(scenario.strategies.map((s) => s.name))('%s', (strategy) => {
    const exact = measures(file, strategy, 'request');
    const fast = measures(file, strategy, 'tick');
    const comparisons: Comparison[] = [];
    const detectedExact = exact.filter((t) => t.detected).length;
    const detectedFast = fast.filter((t) => t.detected).length;
    comparisons.push({
      what: `detection rate ${detectedExact}/${TRIALS} vs ${detectedFast}/${TRIALS}`,
      p: fisherExact([
        [detectedExact, TRIALS - detectedExact],
        [detectedFast, TRIALS - detectedFast],
      ]).pValue,
      negligible: Math.abs(detectedExact - detectedFast) <= 0.2 * TRIALS,
    });
    if (detectedExact > 0 && detectedFast > 0) {
      const sample = (ts: TrialMeasures[]) => ({
        times: ts.map((t) => t.detectionMs ?? t.observedMs ?? 0),
        events: ts.map((t) => t.detected),
      });
      const lr = logRankTest(sample(exact), sample(fast));
      const a = exact.filter((t) => t.detected).map((t) => t.detectionMs!);
      const b = fast.filter((t) => t.detected).map((t) => t.detectionMs!);
      comparisons.push({
        what: `detection time (log-rank): medians ${median(a)} vs ${median(b)} ms`,
        p: Number.isFinite(lr.pValue) ? lr.pValue : 1,
        // Detection happens at measurement instants: a few seconds is one interval's jitter.
        negligible: mediansWithin(a, b, 0.05, 5000),
      });
    }
    comparisons.push(
      harm(
        'failed requests above baseline',
        exact.map((t) => t.failedAboveBaseline),
        fast.map((t) => t.failedAboveBaseline),
        50,
      ),
    );
    comparisons.push(
      harm(
        'affected sessions',
        exact.map((t) => t.affectedSessions),
        fast.map((t) => t.affectedSessions),
        20,
      ),
    );

    const adjusted = holmAdjust(comparisons.map((c) => c.p));
    comparisons.forEach((c, i) => {
      const agrees = adjusted[i] >= ALPHA || c.negligible;
      expect(agrees, `${c.what}: Holm-adjusted p = ${adjusted[i]}`).toBe(true);
    });
  });
});
