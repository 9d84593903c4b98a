/**
 * Loading scenario files: parse with positions, validate completely (schema, then the rules
 * across fields, then referenced files), and only then build the model. Every mistake in
 * every file is collected before anything is returned or thrown.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { assertionProblems } from './checks/assertions.js';
import { scenarioProblems } from './checks/index.js';
import { type ScenarioError, ScenarioValidationError, sortScenarioErrors } from './errors.js';
import type { RateProfile, Scenario } from './model.js';
import { normalizeScenario } from './normalize.js';
import { scenarioParts } from './parts.js';
import { loadPresets, PRESETS_FILE } from './presets.js';
import { type Problem, problem } from './problem.js';
import { ScenarioDocument } from './schema.js';
import { loadTrafficProfile } from './traffic-profile.js';
import { locate, parseYamlSource, sourceData } from './yaml-source.js';
import { zodProblems } from './zod-issues.js';

export interface LoadOptions {
  /** Base of relative paths (default: the process's working directory). */
  readonly cwd?: string;
  /** The strategy presets file (default: the shipped scenarios/presets/strategies.yaml). */
  readonly presetsFile?: string;
}

export type LoadResult =
  | { readonly ok: true; readonly scenario: Scenario }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/**
 * Load one scenario file. `file` is also how errors name it, so a relative path stays
 * relative in messages. Throws ScenarioValidationError with every error found.
 */
export function loadScenario(file: string, options: LoadOptions = {}): Scenario {
  const result = validateScenarioFile(file, options);
  if (!result.ok) throw new ScenarioValidationError(result.errors);
  return result.scenario;
}

/**
 * Load several scenario files, validating all of them before returning; also rejects two
 * files with the same metadata.name (their reports would collide). Throws
 * ScenarioValidationError with the errors of every file.
 */
export function loadScenarios(files: readonly string[], options: LoadOptions = {}): Scenario[] {
  const scenarios: Scenario[] = [];
  const errors: ScenarioError[] = [];
  const byName = new Map<string, string>();
  for (const file of files) {
    const result = validateScenarioFile(file, options);
    if (!result.ok) {
      errors.push(...result.errors);
      continue;
    }
    const first = byName.get(result.scenario.name);
    if (first !== undefined) {
      errors.push({
        file,
        line: 0,
        col: 0,
        message: `metadata.name ${JSON.stringify(result.scenario.name)} is also the name of ${first}; scenario names must be unique`,
      });
    } else {
      byName.set(result.scenario.name, file);
    }
    scenarios.push(result.scenario);
  }
  if (errors.length > 0) throw new ScenarioValidationError(errors);
  return scenarios;
}

/** Validate one scenario file; never throws for bad input. */
export function validateScenarioFile(file: string, options: LoadOptions = {}): LoadResult {
  const absolute = resolve(options.cwd ?? process.cwd(), file);
  let text: string;
  try {
    text = readFileSync(absolute, 'utf8');
  } catch (error) {
    return {
      ok: false,
      errors: [{ file, line: 0, col: 0, message: `cannot read the file: ${reason(error)}` }],
    };
  }
  return validateScenarioText(text, file, { ...options, absolute });
}

/**
 * Validate scenario text. `file` names it in errors and anchors a relative traffic
 * profile path; `absolute` (default: `file` resolved against cwd) is recorded in the model.
 */
export function validateScenarioText(
  text: string,
  file: string,
  options: LoadOptions & { absolute?: string } = {},
): LoadResult {
  const absolute = options.absolute ?? resolve(options.cwd ?? process.cwd(), file);
  const { source, errors: syntaxErrors } = parseYamlSource(file, text);
  if (syntaxErrors.length > 0) return { ok: false, errors: sortScenarioErrors(syntaxErrors) };
  const data = sourceData(source);
  if (data === null) {
    return {
      ok: false,
      errors: [
        {
          file,
          line: 1,
          col: 1,
          message: 'the file is empty; a scenario starts with apiVersion: rollout-lab/v1 and kind: Scenario',
        },
      ],
    };
  }

  const parsed = ScenarioDocument.safeParse(data, { reportInput: true });
  const problems: Problem[] = parsed.success ? [] : zodProblems(ScenarioDocument, data, parsed.error.issues);
  const parts = scenarioParts(data);
  const presets = loadPresets(options.presetsFile ?? PRESETS_FILE);
  problems.push(...scenarioProblems(parts, presets));
  problems.push(...assertionProblems(data));
  const errors: ScenarioError[] = [];
  if (parts.strategies.some((s) => typeof s === 'string')) errors.push(...presets.errors);

  let profile: { profile: RateProfile; file: string } | undefined;
  const profilePath = parts.traffic?.profile;
  if (profilePath !== undefined) {
    const profileFile = resolve(dirname(absolute), profilePath);
    const shown = join(dirname(file), profilePath);
    let loaded: ReturnType<typeof loadTrafficProfile> | undefined;
    try {
      loaded = loadTrafficProfile(profileFile, shown);
    } catch (error) {
      problems.push(
        problem(
          ['spec', 'traffic', 'profile'],
          `cannot read the traffic profile ${shown}: ${reason(error)} (the path is relative to the scenario file)`,
        ),
      );
    }
    if (loaded?.ok) profile = { profile: loaded.profile, file: profileFile };
    else if (loaded) errors.push(...loaded.errors);
  }

  errors.unshift(...problems.map((p) => locate(source, p)));
  if (errors.length > 0 || !parsed.success) return { ok: false, errors: sortScenarioErrors(errors) };
  const scenario = normalizeScenario(parsed.data, {
    file: absolute,
    profile,
    presets,
    catalog: parts.catalog,
  });
  return { ok: true, scenario };
}

function reason(error: unknown): string {
  if (error && typeof error === 'object' && 'code' in error && error.code === 'ENOENT') return 'no such file';
  if (error && typeof error === 'object' && 'code' in error && error.code === 'EISDIR')
    return 'it is a folder';
  return error instanceof Error ? error.message : String(error);
}
