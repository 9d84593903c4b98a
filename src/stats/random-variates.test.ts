import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal-cdf.js';
import { randomExponential } from './random-exponential.js';
import { randomNormal } from './random-normal.js';
import { createRng } from './rng.js';

describe('randomNormal and randomExponential', () => {
  it('are deterministic by seed', () => {
    const a = createRng(11);
    const b = createRng(11);
    for (let i = 0; i < 5; i++) expect(randomNormal(a)).toBe(randomNormal(b));
  });

  it('have the right distribution (Kolmogorov–Smirnov at n = 20000)', () => {
    // The KS statistic's 0.1% critical value is 1.949/√n (Massey 1951) = 0.0138 at n = 20000.
    const n = 20_000;
    const critical = 1.949 / Math.sqrt(n);
    const rng = createRng(2024);
    const normals = Float64Array.from({ length: n }, () => randomNormal(rng)).sort();
    const exps = Float64Array.from({ length: n }, () => randomExponential(rng, 2)).sort();
    let dNormal = 0;
    let dExp = 0;
    for (let i = 0; i < n; i++) {
      const f = normalCdf(normals[i]);
      dNormal = Math.max(dNormal, Math.abs(f - i / n), Math.abs(f - (i + 1) / n));
      const g = 1 - Math.exp(-2 * exps[i]);
      dExp = Math.max(dExp, Math.abs(g - i / n), Math.abs(g - (i + 1) / n));
    }
    expect(dNormal).toBeLessThan(critical);
    expect(dExp).toBeLessThan(critical);
    expect(() => randomExponential(rng, 0)).toThrow(RangeError);
  });
});
