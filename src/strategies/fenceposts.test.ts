import { describe, expect, it } from 'vitest';
import { resolveFenceposts, scaledValue } from './fenceposts.js';

describe('scaledValue', () => {
  it('rounds a percentage up or down, keeps a count', () => {
    expect(scaledValue({ percent: 25 }, 10, true)).toBe(3);
    expect(scaledValue({ percent: 25 }, 10, false)).toBe(2);
    expect(scaledValue({ percent: 30 }, 10, true)).toBe(3);
    expect(scaledValue({ count: 4 }, 10, false)).toBe(4);
  });
});

describe('resolveFenceposts (Kubernetes ResolveFenceposts)', () => {
  it('25%/25% of 10: surge rounds up to 3, unavailable rounds down to 2', () => {
    expect(resolveFenceposts({ percent: 25 }, { percent: 25 }, 10)).toEqual({
      maxSurge: 3,
      maxUnavailable: 2,
    });
  });
  it('both zero: maxUnavailable becomes 1', () => {
    expect(resolveFenceposts({ count: 0 }, { count: 0 }, 10)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
    // 10% of 4 rounds down to 0 for both… but surge rounds up to 1, so no fix-up
    expect(resolveFenceposts({ percent: 10 }, { percent: 10 }, 4)).toEqual({
      maxSurge: 1,
      maxUnavailable: 0,
    });
    expect(resolveFenceposts({ percent: 0 }, { percent: 10 }, 4)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });
  it('surge of 1% on 2 replicas rounds up to 1 (the deployment_util.go examples)', () => {
    expect(resolveFenceposts({ percent: 1 }, { percent: 25 }, 2)).toEqual({ maxSurge: 1, maxUnavailable: 0 });
    expect(resolveFenceposts({ percent: 0 }, { percent: 1 }, 2)).toEqual({ maxSurge: 0, maxUnavailable: 1 });
  });
  it('caps maxUnavailable at the replica count', () => {
    expect(resolveFenceposts({ count: 0 }, { count: 7 }, 3)).toEqual({ maxSurge: 0, maxUnavailable: 3 });
  });
});
