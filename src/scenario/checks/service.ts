/**
 * Checks of spec.service beyond its schema.
 */
import { type Problem, problem, quote } from '../problem.js';
import type { ServiceParsed } from '../schema.js';
import { showSum, sumsToOne } from './sums.js';

const PATH = ['spec', 'service'] as const;

/** p99 above p50; route shares summing to 1; route names unique. */
export function serviceProblems(service: ServiceParsed): Problem[] {
  const problems: Problem[] = [];
  const { p50Ms, p99Ms } = service.latency;
  if (!(p99Ms > p50Ms)) {
    problems.push(
      problem(
        [...PATH, 'latency', 'p99Ms'],
        `must be greater than p50Ms (${p50Ms}), got ${p99Ms}; a tail is slower than the median`,
      ),
    );
  }
  const routes = service.routes ?? [];
  if (routes.length > 0 && !sumsToOne(routes.map((r) => r.share))) {
    problems.push(
      problem([...PATH, 'routes'], `route shares must sum to 1, got ${showSum(routes.map((r) => r.share))}`),
    );
  }
  const seen = new Set<string>();
  routes.forEach((route, i) => {
    if (seen.has(route.name))
      problems.push(problem([...PATH, 'routes', i, 'name'], `duplicate route name ${quote(route.name)}`));
    seen.add(route.name);
  });
  return problems;
}
