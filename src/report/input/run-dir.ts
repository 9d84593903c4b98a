/**
 * Reads a run folder for the report: every trial re-measured from its journal
 * (`journals/<scenario>/<strategy>/*.jsonl.gz`), and from `results.json` only what a
 * journal does not hold — each scenario's description, file, base seed and assertions —
 * and the order of scenarios and strategies. Nothing is written here; a bad folder throws
 * ReportInputError before anything else happens.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { JournalData, JournalHeader } from '../../journal/journal.js';
import { decodeJournals } from '../../journal/journal-file.js';
import { deriveSeed } from '../../stats/rng.js';
import { type RunManifest, readManifest } from './manifest.js';
import { ReportInputError } from './report-input-error.js';
import { type ReportTrial, reportTrial } from './report-trial.js';

/** One scenario × strategy: its trials' measures, re-computed from the journals. */
export interface CellInput {
  readonly scenario: string;
  readonly strategy: string;
  readonly strategyKind: string;
  readonly faultType: string;
  readonly detectors: readonly string[];
  readonly wayBack: string;
  readonly baselineErrorRate: number;
  /** The journals' folder, relative to the run folder. */
  readonly journals: string;
  /** Every trial's measures, in trial order. */
  readonly trials: readonly ReportTrial[];
}

export interface ScenarioInput {
  readonly name: string;
  readonly description: string;
  /** The scenario file as the run named it ("" when unknown). */
  readonly file: string;
  readonly faultType: string;
  /** The run's base seed for this scenario: the report's bootstrap draws derive from it. */
  readonly seed: number;
  readonly assertions: readonly string[];
  readonly cells: readonly CellInput[];
}

export interface RunInput {
  readonly dir: string;
  readonly generator: string;
  readonly backend: string;
  readonly fidelity: string;
  /** False when results.json was missing: descriptions and assertions are then unknown. */
  readonly hasManifest: boolean;
  /** Top-level fields of results.json the report does not write itself, kept as they were. */
  readonly extra: Readonly<Record<string, unknown>>;
  readonly scenarios: readonly ScenarioInput[];
}

function isDir(path: string): boolean {
  return existsSync(path) && statSync(path).isDirectory();
}

function sortedDirs(path: string): string[] {
  return readdirSync(path)
    .filter((name) => isDir(join(path, name)))
    .sort();
}

function journalFiles(dir: string): string[] {
  return readdirSync(dir)
    .filter((f) => f.endsWith('.jsonl.gz'))
    .sort();
}

/** Decodes one journal file, naming the file when it is not a journal. */
function decodeFile(path: string): JournalData[] {
  try {
    return decodeJournals(readFileSync(path));
  } catch (error) {
    throw new ReportInputError(
      `${path} is not a readable rollout-lab journal: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
}

/**
 * A cell already measured from its journals by whoever just wrote them (`rollout-lab run`'s
 * workers, with reportTrial on each stored journal): the same values decoding would give.
 */
export interface MeasuredCellInput {
  readonly header: JournalHeader;
  readonly trials: readonly ReportTrial[];
}

/** Looks up a pre-measured cell by scenario and strategy name. */
export type PreMeasured = (scenario: string, strategy: string) => MeasuredCellInput | undefined;

function cellInput(scenario: string, strategy: string, h: JournalHeader, trials: ReportTrial[]): CellInput {
  trials.sort((a, b) => a.trial - b.trial);
  return {
    scenario,
    strategy,
    strategyKind: h.strategyKind,
    faultType: h.faultType,
    detectors: h.detectors,
    wayBack: h.wayBack,
    baselineErrorRate: h.baselineErrorRate,
    journals: `journals/${scenario}/${strategy}`,
    trials,
  };
}

function readCell(dir: string, scenario: string, strategy: string, measured?: PreMeasured): CellInput {
  const relative = `journals/${scenario}/${strategy}`;
  const cellDir = join(dir, relative);
  const files = isDir(cellDir) ? journalFiles(cellDir) : [];
  if (files.length === 0)
    throw new ReportInputError(`no journals for ${scenario} × ${strategy} in ${join(dir, relative)}`);
  const known = measured?.(scenario, strategy);
  if (known) return cellInput(scenario, strategy, known.header, [...known.trials]);
  const trials: ReportTrial[] = [];
  let header: JournalHeader | undefined;
  for (const file of files) {
    // One file at a time: a cell's journals can be hundreds of megabytes decoded.
    for (const journal of decodeFile(join(cellDir, file))) {
      if (journal.header.scenario !== scenario || journal.header.strategy !== strategy) {
        throw new ReportInputError(
          `${join(cellDir, file)} holds a journal of ${journal.header.scenario} × ${journal.header.strategy}, not ${scenario} × ${strategy}`,
        );
      }
      header ??= journal.header;
      trials.push(reportTrial(journal));
    }
  }
  return cellInput(scenario, strategy, header!, trials);
}

/** Scenario and strategy names, from results.json when there is one, else from the folders. */
function layout(dir: string, manifest: RunManifest | null): { scenario: string; strategies: string[] }[] {
  if (manifest) {
    return manifest.scenarios.map((s) => ({
      scenario: s.name,
      strategies: manifest.cells.filter((c) => c.scenario === s.name).map((c) => c.strategy),
    }));
  }
  const journals = join(dir, 'journals');
  return sortedDirs(journals).map((scenario) => ({
    scenario,
    strategies: sortedDirs(join(journals, scenario)),
  }));
}

/**
 * Reads and re-measures every trial of a run folder. Throws ReportInputError when the
 * folder is missing, has no journals, or holds an unreadable results.json or journal.
 * `measured` gives cells already measured from the journals just written (the end of
 * `rollout-lab run`): those are not decoded again.
 */
export function readRunDir(dir: string, measured?: PreMeasured): RunInput {
  if (!existsSync(dir)) throw new ReportInputError(`${dir} does not exist`);
  if (!isDir(dir)) throw new ReportInputError(`${dir} is not a folder`);
  if (!isDir(join(dir, 'journals'))) {
    throw new ReportInputError(
      `${dir} has no journals/ folder: give the output folder of a run (rollout-lab run … --out DIR)`,
    );
  }
  const manifest = readManifest(dir);
  const scenarios: ScenarioInput[] = [];
  for (const { scenario, strategies } of layout(dir, manifest)) {
    if (strategies.length === 0) continue;
    const cells = strategies.map((strategy) => readCell(dir, scenario, strategy, measured));
    const meta = manifest?.scenarios.find((s) => s.name === scenario);
    scenarios.push({
      name: scenario,
      description: meta?.description ?? '',
      file: meta?.file ?? '',
      faultType: cells[0].faultType,
      // Without results.json the base seed is unknown; the first trial's seed stands in.
      seed: meta?.seed ?? deriveSeed(cells[0].trials[0]?.seed ?? 0, 'report'),
      assertions: meta?.assertions ?? [],
      cells,
    });
  }
  if (scenarios.length === 0)
    throw new ReportInputError(`${join(dir, 'journals')} holds no journals: nothing to report`);
  return {
    dir,
    generator: manifest?.generator ?? 'rollout-lab',
    backend: manifest?.backend ?? 'sim',
    fidelity: manifest?.fidelity ?? 'scenario',
    hasManifest: manifest !== null,
    extra: manifest?.extra ?? {},
    scenarios,
  };
}

/**
 * The full journal of one trial (events and tallies), for the timeline chart. Reads the
 * cell's files in order until the trial is found; throws ReportInputError if it is not.
 */
export function readTrialJournal(dir: string, cell: CellInput, trial: number): JournalData {
  const cellDir = join(dir, cell.journals);
  for (const file of journalFiles(cellDir)) {
    const found = decodeFile(join(cellDir, file)).find((j) => j.header.trial === trial);
    if (found) return found;
  }
  throw new ReportInputError(`trial ${trial} of ${cell.scenario} × ${cell.strategy} is not in ${cellDir}`);
}
