/**
 * The checks that follow the schema, each on the sections that parsed.
 */
import type { ScenarioParts } from '../parts.js';
import type { PresetCatalog } from '../presets.js';
import type { Problem } from '../problem.js';
import { alertProblems } from './alerts.js';
import { analysisProblems } from './analysis.js';
import { serviceProblems } from './service.js';
import { strategiesProblems } from './strategies.js';
import { trafficProblems } from './traffic.js';

/** Every problem the schema cannot see, in the valid sections of a scenario. */
export function scenarioProblems(parts: ScenarioParts, presets: PresetCatalog): Problem[] {
  return [
    ...(parts.service ? serviceProblems(parts.service) : []),
    ...(parts.traffic ? trafficProblems(parts.traffic) : []),
    ...analysisProblems(parts),
    ...alertProblems(parts),
    ...strategiesProblems(parts, presets),
  ];
}
