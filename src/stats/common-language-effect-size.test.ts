import { describe, expect, it } from 'vitest';
import { commonLanguageEffectSize } from './common-language-effect-size.js';
import { expectClose } from './testing/expect-close.js';

describe('commonLanguageEffectSize', () => {
  it('is P(X > Y) + ½P(X = Y), counted by hand', () => {
    // Pairs of [1, 2, 3] × [1, 1]: 1 ties twice (1), 2 wins twice (2), 3 wins twice (2) → 5/6.
    expectClose(commonLanguageEffectSize([1, 2, 3], [1, 1]), 5 / 6, 15);
    expect(commonLanguageEffectSize([5], [1])).toBe(1);
    expect(commonLanguageEffectSize([1], [5])).toBe(0);
  });

  it('equals SciPy’s U / (n_x n_y)', () => {
    // scipy.stats.mannwhitneyu([19, 22, 16, 29, 24], [20, 11, 17, 12]).statistic = 17.0
    expectClose(commonLanguageEffectSize([19, 22, 16, 29, 24], [20, 11, 17, 12]), 17 / 20, 15);
  });
});
