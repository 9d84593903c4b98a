import { describe, expect, it } from 'vitest';
import { durationToMs } from './duration.js';
import { parseIntOrPercent } from './int-or-percent.js';
import { Duration } from './schema.js';

describe('durationToMs', () => {
  it('reads a bare number as seconds', () => {
    expect(durationToMs(30)).toBe(30_000);
    expect(durationToMs(0.25)).toBe(250);
    expect(durationToMs(0)).toBe(0);
  });

  it('reads ms, s, m and h, and compounds as Go does', () => {
    expect(durationToMs('250ms')).toBe(250);
    expect(durationToMs('30s')).toBe(30_000);
    expect(durationToMs('5m')).toBe(300_000);
    expect(durationToMs('1h')).toBe(3_600_000);
    expect(durationToMs('1.5m')).toBe(90_000);
    expect(durationToMs('1h30m')).toBe(5_400_000);
    expect(durationToMs('1m30s500ms')).toBe(90_500);
  });

  it('agrees with the schema on what is a duration', () => {
    for (const bad of ['30', '5 minutes', '1d', '-1s', 's', '1m 30s', '']) {
      expect(Duration.safeParse(bad).success, bad).toBe(false);
      expect(() => durationToMs(bad)).toThrow(RangeError);
    }
    expect(Duration.safeParse(-1).success).toBe(false);
  });
});

describe('parseIntOrPercent', () => {
  it('tells counts from percentages', () => {
    expect(parseIntOrPercent('25%')).toEqual({ percent: 25 });
    expect(parseIntOrPercent(0)).toEqual({ count: 0 });
    expect(() => parseIntOrPercent('25')).toThrow(RangeError);
  });
});
