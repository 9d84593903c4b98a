import { describe, expect, it } from 'vitest';
import { flagBucket } from './feature-flag.js';

describe('flagBucket', () => {
  it('puts a user in the same bucket every time, spread evenly over [0, 100)', () => {
    expect(flagBucket('10.0.0.1')).toBe(flagBucket('10.0.0.1'));
    const buckets = Array.from({ length: 10_000 }, (_, i) =>
      flagBucket(`10.${i >> 16}.${(i >> 8) & 255}.${i & 255}`),
    );
    for (const b of buckets) {
      expect(b).toBeGreaterThanOrEqual(0);
      expect(b).toBeLessThan(100);
    }
    // About 10% of users below 10, 50% below 50 (binomial sd ≈ 0.3% and 0.5%).
    const below = (p: number) => buckets.filter((b) => b < p).length / buckets.length;
    expect(below(10)).toBeGreaterThan(0.085);
    expect(below(10)).toBeLessThan(0.115);
    expect(below(50)).toBeGreaterThan(0.48);
    expect(below(50)).toBeLessThan(0.52);
  });
});
