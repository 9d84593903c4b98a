import { describe, expect, it } from 'vitest';
import { noetherSampleSize } from './noether-sample-size.js';

describe('noetherSampleSize', () => {
  it('evaluates Noether’s formula as R does with qnorm', () => {
    // R 4.2.2: (qnorm(1 − α/2) + qnorm(power))² / (12 c(1 − c)(P − ½)²)
    // (fixtures/stats/reference-r.txt): P = .7 → 65.4073311195757; P = .6, α = .01,
    // power .9 → 495.979572308285; P = .35, c = .3 → 138.428214009684.
    expect(noetherSampleSize({ superiority: 0.7 })).toEqual({ total: 66, perGroup: [33, 33] });
    expect(noetherSampleSize({ superiority: 0.6, alpha: 0.01, power: 0.9 }).total).toBe(496);
    expect(noetherSampleSize({ superiority: 0.35, fraction: 0.3 })).toEqual({
      total: 139,
      perGroup: [42, 98],
    });
  });

  it('rejects no effect', () => {
    expect(() => noetherSampleSize({ superiority: 0.5 })).toThrow(RangeError);
  });
});
