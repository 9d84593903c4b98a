/**
 * Argo-style durations to milliseconds.
 */
import type { Millis } from './model.js';
import { DURATION_PATTERN } from './schema.js';

const UNIT_MS: Readonly<Record<string, number>> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };

/**
 * Milliseconds of a schema-valid duration: a bare number is seconds (as Argo's pause and
 * `*Seconds` fields), a string is one or more number+unit parts with units ms, s, m, h, as
 * Go's time.ParseDuration reads them. Rounded to whole milliseconds.
 * `durationToMs(30)` → 30000; `durationToMs('1m30s')` → 90000; `durationToMs('250ms')` → 250.
 * Throws on input the schema would have rejected.
 */
export function durationToMs(duration: number | string): Millis {
  if (typeof duration === 'number') {
    if (!(duration >= 0) || !Number.isFinite(duration)) throw new RangeError(`not a duration: ${duration}`);
    return Math.round(duration * 1000);
  }
  if (!DURATION_PATTERN.test(duration)) throw new RangeError(`not a duration: ${JSON.stringify(duration)}`);
  let total = 0;
  for (const [, amount, unit] of duration.matchAll(/(\d+(?:\.\d+)?)(ms|s|m|h)/g)) {
    total += Number(amount) * UNIT_MS[unit];
  }
  return Math.round(total);
}
