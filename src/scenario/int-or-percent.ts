/**
 * Kubernetes int-or-percent values (`maxSurge: 25%`, `maxSurge: 1`) as model data.
 */
import type { IntOrPercent } from './model.js';

/**
 * `'25%'` → `{ percent: 25 }`; `3` → `{ count: 3 }`. The strategy resolves it against a
 * replica count with Kubernetes rounding. Throws on input the schema would have rejected.
 */
export function parseIntOrPercent(value: number | string): IntOrPercent {
  if (typeof value === 'number') return { count: value };
  const match = /^(\d+)%$/.exec(value);
  if (!match) throw new RangeError(`not an int-or-percent: ${JSON.stringify(value)}`);
  return { percent: Number(match[1]) };
}
