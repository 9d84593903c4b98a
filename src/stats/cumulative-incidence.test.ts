import { describe, expect, it } from 'vitest';
import { cumulativeIncidence } from './cumulative-incidence.js';
import { kaplanMeier } from './kaplan-meier.js';
import { expectClose } from './testing/expect-close.js';

describe('cumulativeIncidence', () => {
  it('matches R’s Aalen–Johansen pstate (survfit with a factor status)', () => {
    // R 4.2.2, survival 3.5-3 (fixtures/stats/reference-r.txt): times 1..12, causes
    // 1 2 0 1 1 2 0 1 0 2 1 0; rows at the event times 1, 2, 4, 5, 6, 8, 10, 11.
    const r = cumulativeIncidence(
      [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12],
      [1, 2, 0, 1, 1, 2, 0, 1, 0, 2, 1, 0],
    );
    expect(r.time).toEqual([1, 2, 4, 5, 6, 8, 10, 11]);
    const cause1 = [
      0.0833333333333333, 0.0833333333333333, 0.1759259259259259, 0.2685185185185185, 0.2685185185185185,
      0.3796296296296296, 0.3796296296296296, 0.5277777777777778,
    ];
    const cause2 = [
      0, 0.0833333333333333, 0.0833333333333333, 0.0833333333333333, 0.1759259259259259, 0.1759259259259259,
      0.3240740740740741, 0.3240740740740741,
    ];
    const free = [
      0.916666666666667, 0.833333333333333, 0.740740740740741, 0.648148148148148, 0.555555555555555,
      0.444444444444444, 0.296296296296296, 0.148148148148148,
    ];
    r.incidence[0].forEach((v, i) => {
      expectClose(v, cause1[i], 13);
    });
    r.incidence[1].forEach((v, i) => {
      expectClose(v, cause2[i], 13, 1e-3);
    });
    r.eventFree.forEach((v, i) => {
      expectClose(v, free[i], 13);
    });
  });

  it('matches R with tied times of both causes', () => {
    // times 2 2 3 5 5 5 8 9 9 12, causes 1 2 1 0 1 2 1 0 2 1: at 12 → free 0, CIF 0.675, 0.325.
    const r = cumulativeIncidence([2, 2, 3, 5, 5, 5, 8, 9, 9, 12], [1, 2, 1, 0, 1, 2, 1, 0, 2, 1]);
    expect(r.time).toEqual([2, 3, 5, 8, 9, 12]);
    [0.1, 0.2, 0.3, 0.425, 0.425, 0.675].forEach((v, i) => {
      expectClose(r.incidence[0][i], v, 13);
    });
    [0.1, 0.1, 0.2, 0.2, 0.325, 0.325].forEach((v, i) => {
      expectClose(r.incidence[1][i], v, 13);
    });
    [0.8, 0.7, 0.5, 0.375, 0.25, 0].forEach((v, i) => {
      expectClose(r.eventFree[i], v, 13);
    });
  });

  it('is below 1 − KM that treats the competing event as censoring', () => {
    const times = [1, 2, 3, 4, 5, 6];
    const causes = [2, 2, 1, 2, 1, 0];
    const cif = cumulativeIncidence(times, causes).incidence[0];
    const km = kaplanMeier(
      times,
      causes.map((c) => c === 1),
    );
    expect(cif[cif.length - 1]).toBeLessThan(1 - km.survival[km.survival.length - 1]);
    expect(() => cumulativeIncidence([1], [-1])).toThrow(RangeError);
  });
});
