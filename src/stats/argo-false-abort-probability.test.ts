import { describe, expect, it } from 'vitest';
import { argoFalseAbortProbability } from './argo-false-abort-probability.js';
import { expectClose } from './testing/expect-close.js';

describe('argoFalseAbortProbability', () => {
  it('reproduces statistics.md: N = 10, q = .05 → 40.1%, 8.6%, 1.15%', () => {
    // Exact values: scipy.stats.binom.sf(L, 10, 0.05) (fixtures/stats/reference-py.txt).
    expectClose(argoFalseAbortProbability(10, 0.05, 0), 0.4012630607616211, 12);
    expectClose(argoFalseAbortProbability(10, 0.05, 1), 0.08613835589931637, 12);
    expectClose(argoFalseAbortProbability(10, 0.05, 2), 0.011503557379296871, 12);
    expect(argoFalseAbortProbability(10, 0.05, 0).toFixed(3)).toBe('0.401');
    expect(argoFalseAbortProbability(10, 0.05, 2).toFixed(4)).toBe('0.0115');
  });

  it('follows Argo’s limits: −1 never fails, a limit ≥ count cannot be exceeded', () => {
    expect(argoFalseAbortProbability(10, 0.5, -1)).toBe(0);
    expect(argoFalseAbortProbability(3, 0.5, 3)).toBe(0);
    expect(() => argoFalseAbortProbability(3, 0.5, -2)).toThrow(RangeError);
  });
});
