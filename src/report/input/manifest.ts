/**
 * What the report takes from an existing `results.json` (format @1 or @2): the run's
 * generator and backend, each scenario's description, file, base seed and assertions, and
 * the order of scenarios and strategies. Per-trial numbers in it are ignored: the report
 * re-measures every trial from its journal.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ReportInputError } from './report-input-error.js';

export interface RunManifest {
  readonly format: string;
  readonly generator: string;
  readonly backend: string;
  readonly fidelity: string;
  readonly scenarios: readonly {
    readonly name: string;
    readonly description: string;
    readonly file: string;
    readonly seed: number;
    readonly assertions: readonly string[];
  }[];
  readonly cells: readonly { readonly scenario: string; readonly strategy: string }[];
  /**
   * Other top-level fields a runner added (e.g. the local backend's `timeScale` and
   * `timeScaleNote`), in their order: the report keeps them when it rewrites the file.
   */
  readonly extra: Readonly<Record<string, unknown>>;
}

/** The top-level fields the report writes itself. */
const OWN_FIELDS = new Set([
  'format',
  'generator',
  'backend',
  'fidelity',
  'scenarios',
  'cells',
  'statistics',
]);

/** The results.json formats the report can read. */
export const READABLE_FORMATS = ['rollout-lab/results@1', 'rollout-lab/results@2'];

const isRecord = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const text = (v: unknown, fallback = ''): string => (typeof v === 'string' ? v : fallback);

/** results.json of `dir`, or null when there is none; throws ReportInputError when it is unreadable. */
export function readManifest(dir: string): RunManifest | null {
  const path = join(dir, 'results.json');
  if (!existsSync(path)) return null;
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ReportInputError(
      `${path} is not valid JSON (${error instanceof Error ? error.message : String(error)}); delete it to rebuild from the journals alone`,
    );
  }
  if (!isRecord(data) || !READABLE_FORMATS.includes(text(data.format))) {
    throw new ReportInputError(
      `${path} is not a rollout-lab results file (format ${JSON.stringify(isRecord(data) ? data.format : undefined)}, expected ${READABLE_FORMATS.join(' or ')})`,
    );
  }
  const scenarios = Array.isArray(data.scenarios) ? data.scenarios.filter(isRecord) : [];
  const cells = Array.isArray(data.cells) ? data.cells.filter(isRecord) : [];
  return {
    format: text(data.format),
    generator: text(data.generator, 'rollout-lab'),
    backend: text(data.backend, 'sim'),
    fidelity: text(data.fidelity, 'scenario'),
    scenarios: scenarios.map((s) => ({
      name: text(s.name),
      description: text(s.description),
      file: text(s.file),
      seed: typeof s.seed === 'number' ? s.seed : 0,
      assertions: Array.isArray(s.assertions) ? s.assertions.filter((a) => typeof a === 'string') : [],
    })),
    cells: cells.map((c) => ({ scenario: text(c.scenario), strategy: text(c.strategy) })),
    extra: Object.fromEntries(Object.entries(data).filter(([key]) => !OWN_FIELDS.has(key))),
  };
}
