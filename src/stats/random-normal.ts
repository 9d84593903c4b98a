import type { Rng } from './rng.js';

/**
 * One draw from N(mean, sd²) by the Box–Muller transform (Box & Muller 1958) on two
 * uniforms from `rng`, the cosine branch only — two uniforms per draw, no cached state,
 * so the stream of draws depends on the seed alone. Cost: O(1).
 *
 * Edge cases: sd = 0 → mean. The first uniform is taken as 1 − u ∈ (0, 1], so log never
 * sees 0.
 *
 * @example randomNormal(createRng(1)) // a standard normal draw, the same for seed 1 every time
 */
export function randomNormal(rng: Rng, mean = 0, sd = 1): number {
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  return mean + sd * Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
}
