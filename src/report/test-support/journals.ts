/**
 * Hand-made journals for the report's tests: a trial described by when things happened
 * (fault onset, detection, users back on v1, promotion), turned into the events and
 * per-second tallies the real runs write, so `measureTrial` measures exactly those
 * times. And a run folder built from them, as `rollout-lab run` would leave it.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { emptyTallies, type JournalData, type JournalEvent } from '../../journal/journal.js';
import { writeJournalFile } from '../../journal/journal-file.js';
import { reportTrial } from '../input/report-trial.js';
import type { CellInput } from '../input/run-dir.js';

export interface TrialSpec {
  readonly trial: number;
  /** Seconds since trial start; null: v2 never served. Default: release + 1. */
  readonly onsetS?: number | null;
  /** When a detector declared failure (s); null: never. */
  readonly detectedS?: number | null;
  /** From when all traffic is back on v1 without failures (s); null: never. */
  readonly recoveredS?: number | null;
  /** When all user traffic went to v2 (s); null: never. */
  readonly promotedS?: number | null;
  /** Trial length (s), default 600. */
  readonly seconds?: number;
  /** Share of v2's requests that fail, default 0.1. */
  readonly failRate?: number;
}

export interface CellSpec {
  readonly scenario: string;
  readonly strategy: string;
  readonly strategyKind?: string;
  readonly faultType?: string;
  readonly trials: readonly TrialSpec[];
}

const RELEASE_S = 60;
const RPS = 100;
const CANARY_SHARE = 0.5;

/** The journal of one hand-made trial. */
export function makeJournal(cell: CellSpec, spec: TrialSpec): JournalData {
  const seconds = spec.seconds ?? 600;
  const onset = spec.onsetS === undefined ? RELEASE_S + 1 : spec.onsetS;
  const detected = spec.detectedS ?? null;
  const recovered = spec.recoveredS ?? null;
  const promoted = spec.promotedS ?? null;
  const failRate = spec.failRate ?? 0.1;
  const tallies = emptyTallies(seconds);
  const c = tallies.cells;
  for (let s = 0; s < seconds; s++) {
    const onCanary = onset !== null && s >= RELEASE_S && (recovered === null || s < recovered);
    const share = onCanary ? (promoted !== null && s >= promoted ? 1 : CANARY_SHARE) : 0;
    const canary = Math.round(RPS * share);
    const stable = RPS - canary;
    const failed = Math.round(canary * failRate);
    c['stable.v1Shape'].requests[s] = stable;
    c['canary.v1Shape'].requests[s] = canary;
    c['canary.v1Shape'].failed[s] = failed;
    tallies.versions.stable.requests[s] = stable;
    tallies.versions.canary.requests[s] = canary;
    tallies.versions.canary.serverErrors[s] = failed;
    tallies.versions.stable.p99Ms[s] = stable > 0 ? 200 : 0;
    tallies.versions.canary.p99Ms[s] = canary > 0 ? 400 : 0;
    tallies.sessions.newlyAffected[s] = failed > 0 ? 1 : 0;
  }
  const ms = (s: number) => s * 1000;
  const events: JournalEvent[] = [
    { t: 0, type: 'routing', canaryPercent: 0, mirrorPercent: 0, detail: 'stable' },
    { t: ms(RELEASE_S), type: 'releaseStarted' },
  ];
  if (onset !== null) {
    events.push({
      t: ms(RELEASE_S),
      type: 'routing',
      canaryPercent: 50,
      mirrorPercent: 0,
      detail: 'weight 50',
    });
    events.push({ t: ms(onset), type: 'faultOnset', detail: 'v2 first served a request' });
  }
  for (let s = RELEASE_S + 30; s < (detected ?? seconds); s += 30) {
    events.push({
      t: ms(s),
      type: 'measurement',
      run: 'step-1',
      metric: 'error-rate',
      phase: 'Successful',
      value: '[0.001]',
      dryRun: false,
    });
  }
  if (promoted !== null) events.push({ t: ms(promoted), type: 'fullyPromoted' });
  if (detected !== null) {
    events.push({ t: ms(detected), type: 'detected', by: 'analysis', source: 'error-rate' });
    events.push({ t: ms(detected), type: 'abort', reason: 'analysis failed' });
  }
  if (recovered !== null) {
    events.push({
      t: ms(recovered),
      type: 'routing',
      canaryPercent: 0,
      mirrorPercent: 0,
      detail: 'weight 0',
    });
    events.push({ t: ms(recovered), type: 'routingRestored' });
  }
  events.push({ t: ms(seconds), type: 'end', reason: 'observed' });
  events.sort((a, b) => a.t - b.t);
  return {
    header: {
      scenario: cell.scenario,
      strategy: cell.strategy,
      strategyKind: cell.strategyKind ?? 'canary',
      trial: spec.trial,
      seed: 1000 + spec.trial,
      backend: 'sim',
      fidelity: 'tick',
      timeScale: 1,
      baselineErrorRate: 0,
      faultType: cell.faultType ?? 'connectionLeak',
      releaseAt: ms(RELEASE_S),
      detectors: ['analysis: step 1 analysis error-rate'],
      wayBack: 'abort: canary weight to 0',
    },
    events,
    tallies,
  };
}

export interface RunSpec {
  readonly scenarios: readonly {
    readonly name: string;
    readonly faultType?: string;
    readonly seed?: number;
    readonly assertions?: readonly string[];
    readonly cells: readonly Omit<CellSpec, 'scenario' | 'faultType'>[];
  }[];
}

/** Writes a run folder (journals and a results@1 manifest) into `dir`. */
export function writeRunDir(dir: string, run: RunSpec): void {
  const cells: object[] = [];
  for (const scenario of run.scenarios) {
    for (const cellSpec of scenario.cells) {
      const cell: CellSpec = { ...cellSpec, scenario: scenario.name, faultType: scenario.faultType };
      const journals = cell.trials.map((t) => makeJournal(cell, t));
      const relative = `journals/${scenario.name}/${cell.strategy}`;
      writeJournalFile(join(dir, relative), 'trials-000000.jsonl.gz', journals);
      cells.push({ scenario: scenario.name, strategy: cell.strategy, journals: relative });
    }
  }
  mkdirSync(dir, { recursive: true });
  const manifest = {
    format: 'rollout-lab/results@1',
    generator: 'rollout-lab test',
    backend: 'sim',
    fidelity: 'scenario',
    scenarios: run.scenarios.map((s) => ({
      name: s.name,
      description: `hand-made ${s.name}`,
      file: `scenarios/${s.name}.yaml`,
      faultType: s.faultType ?? 'connectionLeak',
      seed: s.seed ?? 7,
      trials: s.cells[0]?.trials.length ?? 0,
      assertions: s.assertions ?? [],
    })),
    cells,
  };
  writeFileSync(join(dir, 'results.json'), `${JSON.stringify(manifest, null, 2)}\n`);
}

/** n trials detected at onset + `detectAfterS[i % length]` seconds and back to normal `rollbackS` later. */
export function detectedTrials(
  detectAfterS: readonly number[],
  rollbackS = 20,
  n = detectAfterS.length,
): TrialSpec[] {
  return Array.from({ length: n }, (_, i) => {
    const detectedS = RELEASE_S + 1 + detectAfterS[i % detectAfterS.length];
    return { trial: i, detectedS, recoveredS: detectedS + rollbackS };
  });
}

/** A cell as the report reads it, from hand-made trials (no files). */
export function cellInput(cell: CellSpec): CellInput {
  const journals = cell.trials.map((t) => makeJournal(cell, t));
  const h = journals[0].header;
  return {
    scenario: cell.scenario,
    strategy: cell.strategy,
    strategyKind: h.strategyKind,
    faultType: h.faultType,
    detectors: h.detectors,
    wayBack: h.wayBack,
    baselineErrorRate: h.baselineErrorRate,
    journals: `journals/${cell.scenario}/${cell.strategy}`,
    trials: journals.map(reportTrial),
  };
}
