/**
 * Run one chunk of trials (in a worker or in-process): simulate, normalise each journal
 * as stored, measure from the stored form (as the report does: reportTrial) and compress
 * it at once (only the gzip members are kept, not the journals), then write the chunk's
 * journal file. The measures go back to `run`, which builds its report from them
 * rather than decoding every journal it has just written (`rollout-lab report` does).
 */
import { dirname, join } from 'node:path';
import type { JournalHeader } from '../journal/journal.js';
import { encodeJournalMember, normalizeJournal, writeJournalMembers } from '../journal/journal-file.js';
import { type ReportTrial, reportTrial } from '../report/input/report-trial.js';
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
  /** The header of the chunk's first trial (what the report takes of a cell's journals). */
  readonly header: JournalHeader;
  /** Each trial's measures, as the report computes them from the stored journal. */
  readonly measures: readonly ReportTrial[];
}

export function runChunk(task: ChunkTask, onTrial?: () => void): ChunkResult {
  const { chunk, scenario } = task;
  const strategy = scenario.strategies.find((s) => s.name === chunk.strategyName);
  if (!strategy) throw new Error(`scenario ${scenario.name} has no strategy ${chunk.strategyName}`);
  const members: Buffer[] = [];
  const measures: ReportTrial[] = [];
  let header: JournalHeader | null = null;
  for (let trial = chunk.first; trial < chunk.first + chunk.count; trial++) {
    const journal = normalizeJournal(
      runSimTrial({ scenario, strategy, trial, seed: task.seed, fidelity: task.fidelity ?? undefined }),
    );
    header ??= journal.header;
    members.push(encodeJournalMember(journal));
    measures.push(reportTrial(journal));
    onTrial?.();
  }
  const rel = chunkJournalPath(scenario.name, strategy.name, chunk.first, chunk.count);
  if (header === null) throw new Error(`chunk ${rel} has no trials`);
  writeJournalMembers(dirname(join(task.outDir, rel)), rel.split('/').pop()!, members);
  return { chunk, header, measures };
}
