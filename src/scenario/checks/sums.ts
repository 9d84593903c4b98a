/**
 * Shares that must add up to 1.
 */

/** How far from 1 a sum of shares may be (floating-point slack). */
export const SHARE_TOLERANCE = 1e-9;

/** Whether the shares sum to 1 within SHARE_TOLERANCE. */
export function sumsToOne(shares: readonly number[]): boolean {
  return Math.abs(shares.reduce((a, b) => a + b, 0) - 1) <= SHARE_TOLERANCE;
}

/** `0.6 + 0.2 + 0.1 = 0.9`, rounded to 12 significant digits. */
export function showSum(shares: readonly number[]): string {
  const sum = shares.reduce((a, b) => a + b, 0);
  return `${shares.join(' + ')} = ${Number(sum.toPrecision(12))}`;
}
