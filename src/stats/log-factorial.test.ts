import { describe, expect, it } from 'vitest';
import { logFactorial } from './log-factorial.js';
import { expectClose } from './testing/expect-close.js';

describe('logFactorial', () => {
  it('is ln n! (exact integers for small n; R lgamma(n + 1) for large n)', () => {
    expect(logFactorial(0)).toBe(0);
    expect(logFactorial(1)).toBe(0);
    expectClose(logFactorial(10), Math.log(3628800), 15);
    // R 4.2.2: print(lgamma(c(171, 1001, 1e6 + 1)), digits = 17)
    expectClose(logFactorial(170), 706.57306224578747, 14);
    expectClose(logFactorial(1000), 5912.1281784881639, 14);
    expectClose(logFactorial(1_000_000), 12815518.384658169, 14);
  });

  it('joins the table and Stirling’s series smoothly', () => {
    expectClose(logFactorial(171) - logFactorial(170), Math.log(171), 12);
  });

  it('rejects non-integers', () => {
    expect(logFactorial(-1)).toBeNaN();
    expect(logFactorial(2.5)).toBeNaN();
  });
});
