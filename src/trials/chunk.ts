/**
 * Run one chunk of trials (in a worker or in-process): simulate, normalise each journal
 * as stored, measure from the stored form, write the chunk's journal file.
 */
import { dirname, join } from 'node:path';
import { normalizeJournal, writeJournalFile } from '../journal/journal-file.js';
import { measureTrial, type TrialMeasures } from '../measure/trial-measures.js';
import type { Scenario } from '../scenario/model.js';
import { chunkJournalPath, type TrialChunk } from './plan.js';
import { runSimTrial } from './sim-trial.js';

export interface ChunkTask {
  readonly chunk: TrialChunk;
  readonly scenario: Scenario;
  readonly seed: number;
  readonly fidelity: 'request' | 'tick' | null;
  readonly outDir: string;
}

export interface ChunkResult {
  readonly chunk: TrialChunk;
  readonly measures: readonly TrialMeasures[];
}

export function runChunk(task: ChunkTask, onTrial?: () => void): ChunkResult {
  const { chunk, scenario } = task;
  const strategy = scenario.strategies.find((s) => s.name === chunk.strategyName);
  if (!strategy) throw new Error(`scenario ${scenario.name} has no strategy ${chunk.strategyName}`);
  const journals = [];
  const measures: TrialMeasures[] = [];
  for (let trial = chunk.first; trial < chunk.first + chunk.count; trial++) {
    const journal = normalizeJournal(
      runSimTrial({ scenario, strategy, trial, seed: task.seed, fidelity: task.fidelity ?? undefined }),
    );
    journals.push(journal);
    measures.push(measureTrial(journal));
    onTrial?.();
  }
  const rel = chunkJournalPath(scenario.name, strategy.name, chunk.first, chunk.count);
  writeJournalFile(dirname(join(task.outDir, rel)), rel.split('/').pop()!, journals);
  return { chunk, measures };
}
