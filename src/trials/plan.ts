/**
 * What a run does: for each scenario × strategy, N trials, cut into fixed-size chunks.
 * Chunks depend only on N (never on the number of workers), and each chunk writes its own
 * journal file, so the output is byte-identical however the work is spread.
 */
import type { Scenario } from '../scenario/model.js';

export const CHUNK_SIZE = 50;

export interface TrialChunk {
  /** Index of the scenario in the run. */
  readonly scenarioIndex: number;
  readonly strategyName: string;
  /** First trial index and how many. */
  readonly first: number;
  readonly count: number;
}

export interface RunPlan {
  readonly scenarios: readonly Scenario[];
  /** Strategy names per scenario, in the scenario's order (after --strategy filtering). */
  readonly strategies: readonly (readonly string[])[];
  readonly trials: readonly number[];
  readonly chunks: readonly TrialChunk[];
  readonly totalTrials: number;
}

export function planRun(
  scenarios: readonly Scenario[],
  strategyFilter: readonly string[],
  trialsOverride: number | null,
): RunPlan {
  const strategies: string[][] = [];
  const trials: number[] = [];
  const chunks: TrialChunk[] = [];
  let total = 0;
  scenarios.forEach((scenario, scenarioIndex) => {
    const names = scenario.strategies
      .map((s) => s.name)
      .filter((n) => strategyFilter.length === 0 || strategyFilter.includes(n));
    const n = trialsOverride ?? scenario.trials;
    strategies.push(names);
    trials.push(n);
    for (const strategyName of names) {
      for (let first = 0; first < n; first += CHUNK_SIZE) {
        chunks.push({ scenarioIndex, strategyName, first, count: Math.min(CHUNK_SIZE, n - first) });
      }
      total += n;
    }
  });
  return { scenarios, strategies, trials, chunks, totalTrials: total };
}

/** Journal file of a chunk, relative to the output folder. */
export function chunkJournalPath(scenario: string, strategy: string, first: number, count: number): string {
  const pad = (n: number) => String(n).padStart(6, '0');
  return `journals/${scenario}/${strategy}/trials-${pad(first)}-${pad(first + count - 1)}.jsonl.gz`;
}
