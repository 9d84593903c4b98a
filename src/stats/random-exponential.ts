import type { Rng } from './rng.js';

/**
 * One draw from the exponential distribution with the given rate (mean 1/rate), by
 * inversion: −ln(1 − u)/rate. Cost: O(1).
 *
 * Edge cases: 1 − u ∈ (0, 1], so the draw is finite and ≥ 0. Throws unless rate > 0.
 *
 * @example randomExponential(createRng(1), 2) // a draw with mean 0.5
 */
export function randomExponential(rng: Rng, rate = 1): number {
  if (!(rate > 0)) throw new RangeError('randomExponential: rate must be > 0');
  return -Math.log(1 - rng.next()) / rate;
}
