import { describe, expect, it } from 'vitest';
import { fisherExact } from './fisher-exact.js';
import { expectClose } from './testing/expect-close.js';

type Table = [[number, number], [number, number]];

describe('fisherExact', () => {
  // [table, two-sided, greater, less]: R 4.2.2 fisher.test (fixtures/stats/reference-r.txt);
  // scipy.stats.fisher_exact 1.17.1 agrees to 14+ digits (reference-py.txt). The first is
  // Fisher's lady tasting tea: 34/70, 17/70, 69/70.
  const reference: [Table, number, number, number][] = [
    [
      [
        [3, 1],
        [1, 3],
      ],
      0.485714285714286,
      0.242857142857143,
      0.985714285714286,
    ],
    [
      [
        [1, 9],
        [11, 3],
      ],
      0.00275945618522008,
      0.9999663480953022,
      0.00137972809261004,
    ],
    [
      [
        [10, 2],
        [3, 15],
      ],
      0.000536724119143436,
      0.000465180943362906,
      0.9999845190186861,
    ],
    [
      [
        [0, 5],
        [5, 0],
      ],
      0.00793650793650794,
      1,
      0.00396825396825397,
    ],
    [
      [
        [2, 98],
        [9, 91],
      ],
      0.0582207175802875,
      0.9951709420282409,
      0.0291103587901437,
    ],
    [
      [
        [120, 880],
        [95, 905],
      ],
      0.0829833066302141,
      0.0414916533151071,
      0.9698372516807775,
    ],
    [
      [
        [7, 17],
        [15, 5],
      ],
      0.00576838675046994,
      0.9996660651955468,
      0.00288419337523497,
    ],
  ];
  it.each(reference)('%j matches R', (table, twoSided, greater, less) => {
    expectClose(fisherExact(table).pValue, twoSided, 12);
    expectClose(fisherExact(table, 'greater').pValue, greater, 12);
    expectClose(fisherExact(table, 'less').pValue, less, 12);
  });

  it('counts tables within R’s 1 + 1e-7 of the observed probability as “as extreme”', () => {
    // A symmetric table: the mirrored table has the same probability (up to rounding),
    // so the two-sided p must be exactly twice the one-sided (R: 0.00793650793650794).
    const p = fisherExact([
      [0, 5],
      [5, 0],
    ]);
    expectClose(
      p.pValue,
      2 *
        fisherExact(
          [
            [0, 5],
            [5, 0],
          ],
          'less',
        ).pValue,
      14,
    );
  });

  it('gives p = 1 for a zero margin and reports the sample odds ratio', () => {
    expect(
      fisherExact([
        [0, 0],
        [3, 4],
      ]).pValue,
    ).toBe(1);
    expect(
      fisherExact([
        [3, 1],
        [1, 3],
      ]).oddsRatio,
    ).toBe(9);
    expect(() =>
      fisherExact([
        [1, -1],
        [0, 2],
      ]),
    ).toThrow(RangeError);
  });
});
