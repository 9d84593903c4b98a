/**
 * Checks of spec.traffic beyond its schema (the profile file is checked by its loader).
 */
import { type Problem, problem } from '../problem.js';
import type { TrafficParsed } from '../schema.js';
import { showSum, sumsToOne } from './sums.js';

const PATH = ['spec', 'traffic'] as const;

/** Exactly one of rps and profile; client shares summing to 1. */
export function trafficProblems(traffic: TrafficParsed): Problem[] {
  const problems: Problem[] = [];
  if (traffic.rps === undefined && traffic.profile === undefined) {
    problems.push(
      problem(
        PATH,
        'needs exactly one of rps (a constant rate, e.g. rps: 200) and profile (a rate curve file); it has none',
      ),
    );
  } else if (traffic.rps !== undefined && traffic.profile !== undefined) {
    problems.push(
      problem(
        [...PATH, 'profile'],
        'has both rps and profile; keep one: rps for a constant rate, profile for a rate curve',
        {
          at: 'key',
        },
      ),
    );
  }
  const { v1Shape, v2Shape } = traffic.clients;
  if (!sumsToOne([v1Shape, v2Shape])) {
    problems.push(
      problem([...PATH, 'clients'], `v1Shape and v2Shape must sum to 1, got ${showSum([v1Shape, v2Shape])}`),
    );
  }
  return problems;
}
