/**
 * Fidelity: how far apart two runs of the same scenarios are — typically the simulator
 * and the local backend — per scenario × strategy, on detection time and rollback time.
 * Each run is read from its journals only (every trial measured as the report does).
 *
 * Per cell and run: detection rate, median detection time (over detected trials) and
 * median rollback time (over recovered trials), each with a 95% percentile-bootstrap
 * interval (2000 resamples, seeded); and the difference of medians, local − sim, with
 * a bootstrap interval from resampling each run within itself. With few trials (local
 * runs are slow) the intervals are wide: they say so rather than hide it.
 */
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { readJournalDir } from '../journal/journal-file.js';
import { measureTrial, type TrialMeasures } from '../measure/trial-measures.js';
import { formatMs } from '../report/text/numbers.js';
import { bootstrapReplicates } from '../stats/bootstrap-replicates.js';
import { linearQuantile } from '../stats/linear-quantile.js';
import { percentileInterval } from '../stats/percentile-interval.js';
import { createRng } from '../stats/rng.js';

export const COMPARE_RESAMPLES = 2000;

export interface MedianCI {
  readonly n: number;
  readonly median: number;
  readonly lower: number;
  readonly upper: number;
}

export interface CellComparison {
  readonly scenario: string;
  readonly strategy: string;
  readonly a: RunCell;
  readonly b: RunCell;
  /** Median of b − median of a, per quantity; null when either side has no value. */
  readonly detectionShift: MedianCI | null;
  readonly rollbackShift: MedianCI | null;
}

export interface RunCell {
  readonly trials: number;
  readonly detected: number;
  readonly backend: string;
  readonly timeScale: number;
  readonly detection: MedianCI | null;
  readonly rollback: MedianCI | null;
}

/** Measures of every trial of a run folder, by `scenario/strategy`. */
export function readRunMeasures(
  dir: string,
): Map<string, { measures: TrialMeasures[]; backend: string; timeScale: number }> {
  const root = join(dir, 'journals');
  if (!existsSync(root))
    throw new Error(`${dir}: no journals/ folder (is it the output folder of rollout-lab run?)`);
  const out = new Map<string, { measures: TrialMeasures[]; backend: string; timeScale: number }>();
  for (const scenario of readdirSync(root).sort()) {
    for (const strategy of readdirSync(join(root, scenario)).sort()) {
      const journals = readJournalDir(join(root, scenario, strategy)).filter(
        (j) => !j.events.some((e) => e.type === 'end' && e.reason.startsWith('interrupted')),
      );
      if (journals.length === 0) continue;
      out.set(`${scenario}/${strategy}`, {
        measures: journals.map((j) => measureTrial(j)),
        backend: journals[0].header.backend,
        timeScale: journals[0].header.timeScale,
      });
    }
  }
  return out;
}

function median(values: Float64Array | readonly number[]): number {
  return linearQuantile(Float64Array.from(values).sort(), 0.5);
}

function medianCI(values: readonly number[], seed: number): MedianCI | null {
  if (values.length === 0) return null;
  const m = median(values);
  const reps = bootstrapReplicates([values], (x) => median(x), createRng(seed), COMPARE_RESAMPLES);
  const ci = percentileInterval(m, reps);
  return { n: values.length, median: m, lower: ci.lower, upper: ci.upper };
}

function shiftCI(a: readonly number[], b: readonly number[], seed: number): MedianCI | null {
  if (a.length === 0 || b.length === 0) return null;
  const d = median(b) - median(a);
  const reps = bootstrapReplicates(
    [a, b],
    (x, y) => median(y) - median(x),
    createRng(seed),
    COMPARE_RESAMPLES,
  );
  const ci = percentileInterval(d, reps);
  return { n: Math.min(a.length, b.length), median: d, lower: ci.lower, upper: ci.upper };
}

function cellOf(
  run: { measures: TrialMeasures[]; backend: string; timeScale: number },
  seed: number,
): RunCell {
  const det = run.measures.flatMap((m) => (m.detectionMs === null ? [] : [m.detectionMs]));
  const rb = run.measures.flatMap((m) => (m.rollbackMs === null ? [] : [m.rollbackMs]));
  return {
    trials: run.measures.length,
    detected: det.length,
    backend: run.backend,
    timeScale: run.timeScale,
    detection: medianCI(det, seed),
    rollback: medianCI(rb, seed + 1),
  };
}

/** Compare every scenario × strategy present in both runs (seeded: the same input gives the same output). */
export function compareRuns(dirA: string, dirB: string, seed = 1): CellComparison[] {
  const a = readRunMeasures(dirA);
  const b = readRunMeasures(dirB);
  const out: CellComparison[] = [];
  for (const [key, runA] of a) {
    const runB = b.get(key);
    if (!runB) continue;
    const [scenario, strategy] = key.split('/');
    const detA = runA.measures.flatMap((m) => (m.detectionMs === null ? [] : [m.detectionMs]));
    const detB = runB.measures.flatMap((m) => (m.detectionMs === null ? [] : [m.detectionMs]));
    const rbA = runA.measures.flatMap((m) => (m.rollbackMs === null ? [] : [m.rollbackMs]));
    const rbB = runB.measures.flatMap((m) => (m.rollbackMs === null ? [] : [m.rollbackMs]));
    out.push({
      scenario,
      strategy,
      a: cellOf(runA, seed),
      b: cellOf(runB, seed + 10),
      detectionShift: shiftCI(detA, detB, seed + 20),
      rollbackShift: shiftCI(rbA, rbB, seed + 30),
    });
  }
  return out;
}

function fmt(ci: MedianCI | null): string {
  if (ci === null) return '—';
  return `${formatMs(ci.median)} [${formatMs(ci.lower)}, ${formatMs(ci.upper)}] n=${ci.n}`;
}

function backendName(c: RunCell): string {
  return c.timeScale === 1 ? c.backend : `${c.backend} ×${c.timeScale}`;
}

/** A Markdown table of the comparisons (pasteable in a README). */
export function comparisonMarkdown(rows: readonly CellComparison[]): string {
  if (rows.length === 0) return 'No scenario × strategy is in both runs.\n';
  const a = backendName(rows[0].a);
  const b = backendName(rows[0].b);
  const lines = [
    `| scenario | strategy | detected (${a} / ${b}) | detection ${a} | detection ${b} | shift ${b} − ${a} | rollback ${a} | rollback ${b} | shift ${b} − ${a} |`,
    '|---|---|---|---|---|---|---|---|---|',
  ];
  for (const r of rows) {
    lines.push(
      `| ${r.scenario} | ${r.strategy} | ${r.a.detected}/${r.a.trials} / ${r.b.detected}/${r.b.trials} | ${fmt(r.a.detection)} | ${fmt(r.b.detection)} | ${fmt(r.detectionShift)} | ${fmt(r.a.rollback)} | ${fmt(r.b.rollback)} | ${fmt(r.rollbackShift)} |`,
    );
  }
  return `${lines.join('\n')}\n\nMedians with 95% percentile-bootstrap intervals (${COMPARE_RESAMPLES} resamples); detection over detected trials, rollback over recovered trials; times in scenario time.\n`;
}
