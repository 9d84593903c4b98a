/**
 * Runs a plan on the local backend: every scenario × strategy × trial one after another
 * (one machine: the replicas, router and load of one trial already use its cores), each
 * trial's journal written as soon as the trial ends — its own file, written to a temp
 * name and renamed, so a run stopped at any moment leaves only whole, readable files.
 * A trial cut short by the signal is written too, its journal ending with an `end` event
 * that says it was interrupted; then the run stops.
 */
import { renameSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { normalizeJournal, writeJournalFile } from '../journal/journal-file.js';
import { measureTrial, type TrialMeasures } from '../measure/trial-measures.js';
import { formatMs as formatDuration } from '../report/text/numbers.js';
import { runLocalTrial } from './local-trial.js';
import { chunkJournalPath, type RunPlan } from './plan.js';
import { cellKey, type MeasuresByCell } from './runner.js';

export interface LocalRunnerOptions {
  readonly plan: RunPlan;
  /** Seed override for every scenario; null = each scenario's own seed. */
  readonly seed: number | null;
  readonly outDir: string;
  readonly timeScale: number;
  readonly serviceMain: string;
  readonly load?: 'builtin' | 'k6';
  readonly tmpRoot?: string;
  /** Aborting stops the run after writing the trial in progress as interrupted. */
  readonly signal?: AbortSignal;
  /** A progress line (no newline); called about every second and after each trial. */
  readonly onProgress?: (line: string, trialDone: boolean) => void;
}

export interface LocalRunResult {
  readonly measures: MeasuresByCell;
  readonly interrupted: boolean;
  /** Trials completed (not counting an interrupted one). */
  readonly completed: number;
}

export async function runLocalPlan(o: LocalRunnerOptions): Promise<LocalRunResult> {
  const measures: MeasuresByCell = new Map();
  let done = 0;
  const total = o.plan.totalTrials;
  for (let i = 0; i < o.plan.scenarios.length; i++) {
    const scenario = o.plan.scenarios[i];
    for (const name of o.plan.strategies[i]) {
      const strategy = scenario.strategies.find((s) => s.name === name)!;
      const list: TrialMeasures[] = [];
      measures.set(cellKey(i, name), list);
      for (let trial = 0; trial < o.plan.trials[i]; trial++) {
        if (o.signal?.aborted) return { measures, interrupted: true, completed: done };
        const label = `${scenario.name} ${name} trial ${trial + 1}/${o.plan.trials[i]} (${done + 1}/${total})`;
        let result: Awaited<ReturnType<typeof runLocalTrial>>;
        try {
          result = await runLocalTrial({
            scenario,
            strategy,
            trial,
            seed: o.seed ?? scenario.seed,
            timeScale: o.timeScale,
            serviceMain: o.serviceMain,
            load: o.load,
            tmpRoot: o.tmpRoot,
            signal: o.signal,
            onTick: (s) =>
              o.onProgress?.(
                `${label}: t=${formatDuration(s.t)} ${s.phase}${s.detected ? ', failure detected' : ''}`,
                false,
              ),
          });
        } catch (error) {
          // Interrupted before the trial's clock started: nothing to journal.
          if (o.signal?.aborted) return { measures, interrupted: true, completed: done };
          throw error;
        }
        const journal = normalizeJournal(result.journal);
        const m = measureTrial(journal);
        writeTrialJournal(o.outDir, scenario.name, name, trial, journal);
        if (result.interrupted) return { measures, interrupted: true, completed: done };
        list.push(m);
        done++;
        const detected =
          m.detectionMs === null ? 'not detected' : `detected after ${formatDuration(m.detectionMs)}`;
        const back = m.rollbackMs === null ? '' : `, rolled back in ${formatDuration(m.rollbackMs)}`;
        o.onProgress?.(`${label}: ${detected}${back}; ${result.sent} requests`, true);
      }
    }
  }
  return { measures, interrupted: false, completed: done };
}

/** One trial's journal, atomically: a temp name, then a rename. */
function writeTrialJournal(
  outDir: string,
  scenario: string,
  strategy: string,
  trial: number,
  journal: ReturnType<typeof normalizeJournal>,
): void {
  const rel = chunkJournalPath(scenario, strategy, trial, 1);
  const dir = dirname(join(outDir, rel));
  const file = rel.split('/').pop()!;
  const tmp = writeJournalFile(dir, `.${file}.tmp`, [journal]);
  renameSync(tmp, join(dir, file));
}
