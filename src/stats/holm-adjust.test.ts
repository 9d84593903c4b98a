import { describe, expect, it } from 'vitest';
import { holmAdjust } from './holm-adjust.js';
import { expectClose } from './testing/expect-close.js';

describe('holmAdjust', () => {
  it('matches R’s p.adjust(p, "holm"), NA kept and not counted', () => {
    // R 4.2.2: p.adjust(c(0.01, 0.04, 0.03, 0.005, 0.2, NA, 0.04), "holm")
    //   → 0.05 0.12 0.12 0.03 0.20 NA 0.12 (fixtures/stats/reference-r.txt)
    const adjusted = holmAdjust([0.01, 0.04, 0.03, 0.005, 0.2, Number.NaN, 0.04]);
    [0.05, 0.12, 0.12, 0.03, 0.2].forEach((v, i) => {
      expectClose(adjusted[i], v, 14);
    });
    expect(adjusted[5]).toBeNaN();
    expectClose(adjusted[6], 0.12, 14);
  });

  it('keeps the doc example and the edges', () => {
    const adjusted = holmAdjust([0.01, 0.04, 0.03]);
    [0.03, 0.06, 0.06].forEach((v, i) => {
      expectClose(adjusted[i], v, 14);
    });
    expect(holmAdjust([])).toEqual([]);
    expect(holmAdjust([0.7, 0.9])).toEqual([1, 1]);
  });
});
