import { describe, expect, it } from 'vitest';
import { midRanks } from './mid-ranks.js';

describe('midRanks', () => {
  it('averages tied ranks like R’s rank() and SciPy’s rankdata', () => {
    // R: rank(c(10, 20, 20, 5)) → 2.0 3.5 3.5 1.0
    const r = midRanks([10, 20, 20, 5]);
    expect([...r.ranks]).toEqual([2, 3.5, 3.5, 1]);
    expect(r.tieSizes).toEqual([2]);
    // R: rank(c(3, 1, 3, 3, 2, 1)) → 5.0 1.5 5.0 5.0 3.0 1.5
    expect([...midRanks([3, 1, 3, 3, 2, 1]).ranks]).toEqual([5, 1.5, 5, 5, 3, 1.5]);
    expect(midRanks([3, 1, 3, 3, 2, 1]).tieSizes).toEqual([2, 3]);
  });

  it('rejects NaN', () => {
    expect(() => midRanks([1, Number.NaN])).toThrow(RangeError);
  });
});
