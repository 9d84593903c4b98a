/**
 * Runs a plan: chunks of trials spread over worker threads (or in-process with jobs=1),
 * each chunk writing its journal file; the measures come back and are put in plan order,
 * so the results are the same whatever the number of workers.
 */
import { Worker } from 'node:worker_threads';
import type { JournalHeader } from '../journal/journal.js';
import type { TrialMeasures } from '../measure/trial-measures.js';
import { measuresOnly, type ReportTrial } from '../report/input/report-trial.js';
import type { MeasuredCellInput } from '../report/input/run-dir.js';
import { type ChunkResult, type ChunkTask, runChunk } from './chunk.js';
import type { RunPlan, TrialChunk } from './plan.js';
import type { WorkerMessage } from './worker.js';

export interface RunnerOptions {
  readonly plan: RunPlan;
  /** Seed override for every scenario; null = each scenario's own seed. */
  readonly seed: number | null;
  readonly fidelity: 'request' | 'tick' | null;
  readonly outDir: string;
  /** Worker threads; 1 runs in this thread. */
  readonly jobs: number;
  /** Called after every trial with (done, total). */
  readonly onProgress?: (done: number, total: number) => void;
}

/** Measures of every trial, keyed `scenarioIndex/strategy`, in trial order. */
export type MeasuresByCell = Map<string, TrialMeasures[]>;

/** Every cell of a run as the workers measured it, keyed `scenarioIndex/strategy`, trials in trial order. */
export type MeasuredRun = Map<string, MeasuredCellInput>;

export function cellKey(scenarioIndex: number, strategy: string): string {
  return `${scenarioIndex}/${strategy}`;
}

function taskOf(options: RunnerOptions, chunk: TrialChunk): ChunkTask {
  const scenario = options.plan.scenarios[chunk.scenarioIndex];
  return {
    chunk,
    scenario,
    seed: options.seed ?? scenario.seed,
    fidelity: options.fidelity,
    outDir: options.outDir,
  };
}

function collect(results: readonly ChunkResult[]): MeasuredRun {
  const byCell = new Map<string, { header: JournalHeader; trials: ReportTrial[] }>();
  const sorted = [...results].sort(
    (a, b) =>
      a.chunk.scenarioIndex - b.chunk.scenarioIndex ||
      a.chunk.strategyName.localeCompare(b.chunk.strategyName) ||
      a.chunk.first - b.chunk.first,
  );
  for (const r of sorted) {
    const key = cellKey(r.chunk.scenarioIndex, r.chunk.strategyName);
    const cell = byCell.get(key) ?? { header: r.header, trials: [] };
    cell.trials.push(...r.measures);
    byCell.set(key, cell);
  }
  return byCell;
}

/** A worker running the compiled worker.js, or worker.ts through tsx when running from source. */
function spawnWorker(): Worker {
  if (!import.meta.url.endsWith('.ts')) return new Worker(new URL('./worker.js', import.meta.url));
  const source = JSON.stringify(new URL('./worker.ts', import.meta.url).href);
  return new Worker(`import('tsx/esm/api').then((tsx) => { tsx.register(); return import(${source}); });`, {
    eval: true,
  });
}

export async function runPlan(options: RunnerOptions): Promise<MeasuredRun> {
  const { plan } = options;
  let done = 0;
  const tick = () => {
    done++;
    options.onProgress?.(done, plan.totalTrials);
  };
  if (options.jobs <= 1 || plan.chunks.length <= 1) {
    return collect(plan.chunks.map((chunk) => runChunk(taskOf(options, chunk), tick)));
  }
  const results: ChunkResult[] = [];
  const queue = [...plan.chunks];
  const workers = Array.from({ length: Math.min(options.jobs, plan.chunks.length) }, spawnWorker);
  try {
    await Promise.all(
      workers.map(
        (worker) =>
          new Promise<void>((resolve, reject) => {
            const next = () => {
              const chunk = queue.shift();
              if (!chunk) return resolve();
              worker.postMessage(taskOf(options, chunk));
            };
            worker.on('message', (message: WorkerMessage) => {
              if (message.type === 'trial') tick();
              else if (message.type === 'done') {
                results.push(message.result);
                next();
              } else reject(new Error(`a trial failed in a worker:\n${message.message}`));
            });
            worker.on('error', reject);
            worker.on('exit', (code) => {
              if (code !== 0) reject(new Error(`worker exited with code ${code}`));
            });
            next();
          }),
      ),
    );
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return collect(results);
}

/** The measures alone, for results.json (buildResults). */
export function measuresByCell(run: MeasuredRun): MeasuresByCell {
  return new Map([...run].map(([key, cell]) => [key, cell.trials.map(measuresOnly)]));
}
