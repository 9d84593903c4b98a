import { expect } from 'vitest';

/**
 * Assert that `actual` agrees with a published reference value to `digits` significant
 * digits (relative error ≤ 0.5·10^(1−digits)); an expected 0 needs |actual| ≤ 10^−digits·`floor`.
 */
export function expectClose(
  actual: number | null | undefined,
  expected: number,
  digits = 9,
  floor = 1,
): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  const a = actual as number;
  if (Number.isNaN(expected)) {
    expect(a).toBeNaN();
    return;
  }
  if (!Number.isFinite(expected)) {
    expect(a).toBe(expected);
    return;
  }
  const tolerance = expected === 0 ? floor * 10 ** -digits : 0.5 * 10 ** (1 - digits) * Math.abs(expected);
  if (!(Math.abs(a - expected) <= tolerance)) {
    throw new Error(
      `expected ${a} to be ${expected} to ${digits} significant digits (|diff| ${Math.abs(a - expected)})`,
    );
  }
}
