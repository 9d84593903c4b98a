/**
 * Strategy presets: what a plain string such as `canary` in spec.strategies means. They are
 * read from scenarios/presets/strategies.yaml in the package (not the working directory)
 * and validated with the same schema as strategies written in a scenario.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { strategyShapeProblems } from './checks/strategies.js';
import type { ScenarioError } from './errors.js';
import { type Path, type Problem, problem, quote } from './problem.js';
import { type StrategyParsed, StrategySpec } from './schema.js';
import { locate, parseYamlSource, sourceData } from './yaml-source.js';
import { zodProblems } from './zod-issues.js';

/** The shipped presets file (src/scenario and dist/scenario are both two levels below the package root). */
export const PRESETS_FILE = fileURLToPath(
  new URL('../../scenarios/presets/strategies.yaml', import.meta.url),
);

export const StrategyPresetsDocument = z.strictObject({
  apiVersion: z.literal('rollout-lab/v1'),
  kind: z.literal('StrategyPresets'),
  presets: z.array(StrategySpec).min(1),
});

export interface Preset {
  readonly strategy: StrategyParsed;
  /** Where it is defined in the presets file. */
  readonly path: Path;
}

export interface PresetCatalog {
  readonly presets: ReadonlyMap<string, Preset>;
  /** Mistakes in the presets file itself (a broken installation, not a user's mistake). */
  readonly errors: readonly ScenarioError[];
}

const cache = new Map<string, PresetCatalog>();

/** The presets of `file` (default: the shipped ones), read once per process. */
export function loadPresets(file: string = PRESETS_FILE): PresetCatalog {
  let catalog = cache.get(file);
  if (!catalog) {
    catalog = readPresets(file);
    cache.set(file, catalog);
  }
  return catalog;
}

function readPresets(file: string): PresetCatalog {
  const shown = relative(process.cwd(), file) || file;
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    return {
      presets: new Map(),
      errors: [{ file: shown, line: 0, col: 0, message: `cannot read the strategy presets: ${reason}` }],
    };
  }
  const { source, errors } = parseYamlSource(shown, text);
  if (errors.length > 0) return { presets: new Map(), errors };
  const data = sourceData(source);
  const parsed = StrategyPresetsDocument.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    const problems = zodProblems(StrategyPresetsDocument, data, parsed.error.issues);
    return { presets: new Map(), errors: problems.map((p) => locate(source, p)) };
  }
  const presets = new Map<string, Preset>();
  const problems: Problem[] = [];
  parsed.data.presets.forEach((strategy, i) => {
    const path = ['presets', i];
    problems.push(...strategyShapeProblems(strategy, path));
    if (presets.has(strategy.name))
      problems.push(problem([...path, 'name'], `duplicate preset name ${quote(strategy.name)}`));
    else presets.set(strategy.name, { strategy, path });
  });
  return { presets, errors: problems.map((p) => locate(source, p)) };
}
