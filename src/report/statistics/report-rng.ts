import { createRng, deriveSeed, type Rng } from '../../stats/rng.js';

/**
 * The seeded generator of one bootstrap in the report: derived from the run's base seed
 * and the names of what is resampled (scenario, strategy, quantity, statistic), so the
 * same run gives the same report byte for byte, and each interval has its own stream
 * (adding one never shifts the draws of another).
 */
export function reportRng(seed: number, ...names: readonly string[]): Rng {
  return createRng(deriveSeed(seed, 'report', ...names));
}
