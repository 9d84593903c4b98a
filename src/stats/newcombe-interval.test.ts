import { describe, expect, it } from 'vitest';
import { newcombeInterval } from './newcombe-interval.js';
import { expectClose } from './testing/expect-close.js';

describe('newcombeInterval', () => {
  // [x1, n1, x2, n2, lower, upper]: statsmodels 0.15.0
  // confint_proportions_2indep(method="newcomb", compare="diff") (fixtures/stats/reference-py.txt).
  // Newcombe 1998 (Stat. Med. 17:873), Table II, method 10, prints the same to 4 digits:
  // (a) 56/70−48/80: 0.0524, 0.3339; (b) 9/10−3/10: 0.1705, 0.8090; (c) 6/7−2/7: 0.0582,
  // 0.8062; (d) 5/56−0/29: −0.0381, 0.1926; (e) 0/10−0/20: −0.1611, 0.2775;
  // (f) 10/10−0/20: 0.6791, 1.0000.
  const reference: [number, number, number, number, number, number][] = [
    [56, 70, 48, 80, 0.05243147240236498, 0.33387265403690614],
    [9, 10, 3, 10, 0.1705227239345029, 0.809017973535488],
    [6, 7, 2, 7, 0.05822792748231209, 0.8062496375242278],
    [5, 56, 0, 29, -0.038137147903536936, 0.19256001385511165],
    [0, 10, 0, 20, -0.1611251580528194, 0.27753279986288926],
    [10, 10, 0, 20, 0.6790860371419145, 1],
  ];
  it.each(reference)(
    '%d/%d − %d/%d matches statsmodels and Newcombe’s table',
    (x1, n1, x2, n2, lower, upper) => {
      const ci = newcombeInterval(x1, n1, x2, n2);
      expectClose(ci.lower, lower, 12);
      expectClose(ci.upper, upper, 12);
      expectClose(ci.difference, x1 / n1 - x2 / n2, 15);
    },
  );

  it('is undefined without trials in a group', () => {
    const ci = newcombeInterval(0, 0, 1, 2);
    expect(ci.difference).toBeNaN();
    expect([ci.lower, ci.upper]).toEqual([-1, 1]);
  });
});
