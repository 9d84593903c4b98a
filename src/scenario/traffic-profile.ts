/**
 * Traffic profile files (fixtures/traffic/*.json): an arrival rate that changes over a
 * trial, as points joined by straight lines.
 *
 * ```json
 * { "description": "…", "points": [{ "t": "0s", "rps": 120 }, { "t": "30m", "rps": 260 }] }
 * ```
 * `t` is a duration from the start of the trial (a bare number is seconds); the first
 * point is at 0, times strictly increase, and after the last point the rate stays at its
 * value. `rps` is requests per second (≥ 0), multiplied by the scenario's profileScale.
 * The file is read with the YAML parser (JSON is YAML), so mistakes get a line and column.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { durationToMs } from './duration.js';
import type { ScenarioError } from './errors.js';
import type { RateProfile } from './model.js';
import { type Problem, problem } from './problem.js';
import { Duration } from './schema.js';
import { locate, parseYamlSource, sourceData } from './yaml-source.js';
import { zodProblems } from './zod-issues.js';

export const TrafficProfileDocument = z.strictObject({
  description: z.string().optional().describe('What the curve represents.'),
  points: z
    .array(
      z.strictObject({
        t: Duration.describe('Time from the start of the trial.'),
        rps: z.number().nonnegative().describe('Arrival rate at t, requests per second.'),
      }),
    )
    .min(1)
    .describe('The rate at given times, joined by straight lines; constant after the last point.'),
});

export type TrafficProfileResult =
  | { readonly ok: true; readonly profile: RateProfile }
  | { readonly ok: false; readonly errors: readonly ScenarioError[] };

/**
 * Read and validate a profile. `file` is where to read it, `shown` how to name it in
 * errors. A missing file is the caller's to report (at the scenario's `profile` key).
 */
export function loadTrafficProfile(file: string, shown: string): TrafficProfileResult {
  return parseTrafficProfile(readFileSync(file, 'utf8'), shown);
}

/** Validate profile text; `shown` names the file in errors. */
export function parseTrafficProfile(text: string, shown: string): TrafficProfileResult {
  const { source, errors } = parseYamlSource(shown, text);
  if (errors.length > 0) return { ok: false, errors };
  const data = sourceData(source);
  if (data === null)
    return {
      ok: false,
      errors: [
        {
          file: shown,
          line: 1,
          col: 1,
          message: 'the profile is empty; expected {"points": [{"t": "0s", "rps": 100}, …]}',
        },
      ],
    };
  const parsed = TrafficProfileDocument.safeParse(data, { reportInput: true });
  if (!parsed.success) {
    return {
      ok: false,
      errors: zodProblems(TrafficProfileDocument, data, parsed.error.issues).map((p) => locate(source, p)),
    };
  }
  const points = parsed.data.points.map((p) => ({ tMs: durationToMs(p.t), rps: p.rps }));
  const problems: Problem[] = [];
  if (points[0].tMs !== 0)
    problems.push(
      problem(
        ['points', 0, 't'],
        `the first point must be at t 0 (the start of the trial), got ${JSON.stringify(parsed.data.points[0].t)}`,
      ),
    );
  for (let i = 1; i < points.length; i++) {
    if (points[i].tMs <= points[i - 1].tMs) {
      problems.push(
        problem(
          ['points', i, 't'],
          `times must increase from point to point, but this one is not after the previous (${JSON.stringify(parsed.data.points[i - 1].t)})`,
        ),
      );
    }
  }
  if (points.every((p) => p.rps === 0))
    problems.push(problem(['points'], 'every rps is 0: a profile without traffic cannot show anything'));
  if (problems.length > 0) return { ok: false, errors: problems.map((p) => locate(source, p)) };
  return { ok: true, profile: { points } };
}

/** A constant rate as a one-point profile. */
export function constantProfile(rps: number): RateProfile {
  return { points: [{ tMs: 0, rps }] };
}
