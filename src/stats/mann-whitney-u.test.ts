import { describe, expect, it } from 'vitest';
import { mannWhitneyU } from './mann-whitney-u.js';
import { expectClose } from './testing/expect-close.js';

// Samples and values from fixtures/stats/reference-py.txt (SciPy 1.17.1 mannwhitneyu) and
// reference-r.txt (R 4.2.2 wilcox.test: W equals U of x).
const x1 = [19, 22, 16, 29, 24];
const y1 = [20, 11, 17, 12];
const x2 = [1, 2, 2, 3, 3, 3, 4, 5, 5, 7, 8, 8];
const y2 = [2, 3, 4, 4, 5, 6, 6, 6, 7, 9, 9, 10, 11];
const x3 = [
  17.056, 12.34, 25.721, 24.841, 16.109, 19.109, 8.151, 12.92, 22.383, 27.052, 19.996, 13.311, 16.818, 26.119,
  10.142, 36.686, 17.916, 13.43, 11.944, 11.421, 29.414, 10.202, 13.181, 21.136, 10.952, 11.272, 46.708,
  18.682, 16.663, 58.815,
];
const y3 = [
  40.377, 32.728, 37.859, 32.585, 26.194, 7.623, 33.955, 22.884, 52.507, 40.402, 48.374, 20.061, 30.81,
  47.323, 14.902, 22.931, 18.716, 27.098, 23.555, 20.606, 37.197, 31.764, 37.087, 34.103, 12.709,
];
const x4 = [3.2, 1.5, 4.8, 2.2, 6.1, 0.7];
const y4 = [
  3.2628, 1.9471, 5.3454, 2.8835, 4.676, 4.0008, 3.1856, 0.9807, 2.5797, 3.5932, 4.4321, 5.6143, 3.7085,
  6.1355, 2.4508, 3.4554, 2.4737, 1.9621, 0.4524, 0.1593, 5.0559, 0.5918, 1.7126, 1.052, 3.0057, 0.8485,
  0.955, 3.5658, 3.2254, 2.3895, 4.7879, 5.0874, 3.5698, 1.8783, 4.0008, 3.6542, 6.3597, 3.6058, 4.3023,
  2.8668,
];

describe('mannWhitneyU', () => {
  // [name, x, y, U, method, two-sided p, greater p, less p, two-sided p without continuity]
  const reference: [string, number[], number[], number, string, number, number, number, number][] = [
    [
      'exact, 5 vs 4',
      x1,
      y1,
      17,
      'exact',
      0.1111111111111111,
      0.05555555555555555,
      0.9682539682539683,
      0.0864107329737,
    ],
    [
      'ties',
      x2,
      y2,
      44,
      'asymptotic',
      0.06689071146245881,
      0.9704269899446197,
      0.033445355731229406,
      0.06291991324256328,
    ],
    [
      '30 vs 25',
      x3,
      y3,
      166,
      'asymptotic',
      0.00042461404911087934,
      0.9998008414626182,
      0.00021230702455543967,
      0.00041126928955586905,
    ],
    [
      '6 vs 40, a tie in y → SciPy goes asymptotic',
      x4,
      y4,
      112,
      'asymptotic',
      0.8067424910068652,
      0.6092051499716753,
      0.4033712455034326,
      0.7941393362266898,
    ],
  ];
  it.each(reference)('%s matches SciPy', (_name, x, y, u, method, twoSided, greater, less, noContinuity) => {
    const r = mannWhitneyU(x, y);
    expect(r.u).toBe(u);
    expect(r.uY).toBe(x.length * y.length - u);
    expect(r.method).toBe(method);
    expectClose(r.pValue, twoSided, 12);
    expectClose(mannWhitneyU(x, y, { alternative: 'greater' }).pValue, greater, 12);
    expectClose(mannWhitneyU(x, y, { alternative: 'less' }).pValue, less, 12);
    expectClose(mannWhitneyU(x, y, { method: 'asymptotic', continuity: false }).pValue, noContinuity, 12);
    expectClose(r.commonLanguage, u / (x.length * y.length), 15);
  });

  it('agrees with R’s wilcox.test', () => {
    // R 4.2.2: wilcox.test(x2, y2) → W = 44, p = 0.0668907114624588 (normal, tie- and
    // continuity-corrected); correct = FALSE → 0.0629199132425633.
    expectClose(mannWhitneyU(x2, y2).pValue, 0.0668907114624588, 12);
    expectClose(mannWhitneyU(x2, y2, { continuity: false }).pValue, 0.0629199132425633, 12);
    // wilcox.test(x1, y1) → W = 17, p = 0.111111111111111 (exact).
    expectClose(mannWhitneyU(x1, y1).pValue, 0.111111111111111, 12);
  });

  it('reports z with R’s sign convention and p = 1 when everything is tied', () => {
    expect(mannWhitneyU(x3, y3).z).toBeLessThan(0);
    const tied = mannWhitneyU([2, 2, 2], [2, 2]);
    expect(tied.pValue).toBe(1);
    expect(() => mannWhitneyU([], [1])).toThrow(RangeError);
  });
});
