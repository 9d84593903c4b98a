import { describe, expect, it } from 'vitest';
import { assertionScenarioProblem, parseAssertion } from './grammar.js';

function parsed(text: string) {
  const result = parseAssertion(text);
  if (!result.ok) throw new Error(`expected ${text} to parse: ${result.message}`);
  return result.assertion;
}

function failure(text: string) {
  const result = parseAssertion(text);
  if (result.ok) throw new Error(`expected ${text} to fail`);
  return result;
}

describe('parseAssertion', () => {
  it('reads strategy.quantity.statistic op duration', () => {
    expect(parsed('canary.detection.p90 < 3m')).toMatchObject({
      strategy: 'canary',
      quantity: 'detection',
      statistic: { kind: 'quantile', p: 0.9 },
      statisticName: 'p90',
      op: '<',
      value: 180_000,
      valueKind: 'time',
      valueText: '3m',
    });
    expect(parsed('blue-green.rollback.median <= 1m30s')).toMatchObject({ value: 90_000, op: '<=' });
    expect(parsed('canary.recovery.p50>=250ms')).toMatchObject({ value: 250, op: '>=' });
  });

  it('fills in the default statistic of each quantity', () => {
    expect(parsed('canary.detection < 3m').statistic).toEqual({ kind: 'quantile', p: 0.5 });
    expect(parsed('canary.escapes < 0.2').statistic).toEqual({ kind: 'rate' });
    expect(parsed('canary.falseRollbacks < 0.1')).toMatchObject({ statistic: { kind: 'rate' }, value: 0.1 });
    expect(parsed('canary.blastRadius < 1000')).toMatchObject({
      statistic: { kind: 'mean' },
      valueKind: 'count',
    });
  });

  it('takes rates as numbers or percentages, and shares as rates', () => {
    expect(parsed('canary.detection.rate > 0.9')).toMatchObject({ value: 0.9, valueKind: 'rate' });
    expect(parsed('*.falseRollbacks < 5%')).toMatchObject({ strategy: '*', value: 0.05 });
    expect(parsed('canary.blastShare.p90 < 0.5%')).toMatchObject({ value: 0.005, valueKind: 'rate' });
  });

  it('keeps the text trimmed', () => {
    expect(parsed('  canary.escapes < 0.2  ').text).toBe('canary.escapes < 0.2');
  });

  it('points at an unknown quantity and suggests the closest', () => {
    const f = failure('canary.detecton.p90 < 3m');
    expect(f.message).toBe('unknown quantity "detecton"; did you mean detection?');
    expect(f.offset).toBe(7);
  });

  it('says which statistics a quantity takes', () => {
    const f = failure('canary.escapes.p90 < 0.2');
    expect(f.message).toContain('escapes has no statistic "p90"');
    expect(f.message).toContain('it takes rate');
    expect(f.offset).toBe(15);
    expect(failure('canary.detection.p100 < 3m').message).toContain('p1…p99');
    expect(failure('canary.detection.p0 < 3m').message).toBe('percentile p0 must be between p1 and p99');
  });

  it('wants units on times and no units on rates', () => {
    const noUnit = failure('canary.detection.p90 < 3');
    expect(noUnit.message).toBe('a time needs a unit: write 3s or 3m (ms, s, m and h are known)');
    expect(noUnit.offset).toBe(23);
    expect(failure('canary.escapes < 3m').message).toBe('expected a rate such as 0.05 or 5%, got "3m"');
    expect(failure('canary.escapes < 1.5').message).toBe(
      'a rate is between 0 and 1 (or 0% and 100%), got 1.5',
    );
    expect(failure('canary.blastRadius < 10%').message).toContain('expected a number');
  });

  it('reports a missing or unknown operator, a missing value and text after the value', () => {
    expect(failure('canary.escapes').message).toContain(
      'expected a comparison <, <=, > or >= after canary.escapes, got the end',
    );
    expect(failure('canary.escapes == 0.2')).toMatchObject({ offset: 15 });
    expect(failure('canary.escapes <')).toMatchObject({ message: 'expected a value after <', offset: 16 });
    const extra = failure('canary.escapes < 0.2 and more');
    expect(extra.message).toBe('unexpected "and more" after the value; one comparison per assertion');
    expect(extra.offset).toBe(21);
  });

  it('needs a strategy and a dot first', () => {
    expect(failure('< 3m')).toMatchObject({ offset: 0 });
    expect(failure('canary detection < 3m').message).toBe('expected "." and a quantity after "canary"');
    expect(failure('  Canary.escapes < 0.2').offset).toBe(2);
  });
});

describe('assertionScenarioProblem', () => {
  const strategies = ['rolling', 'canary'];

  it('accepts a known strategy or *', () => {
    expect(
      assertionScenarioProblem(parsed('canary.escapes < 0.2'), strategies, 'connectionLeak'),
    ).toBeUndefined();
    expect(assertionScenarioProblem(parsed('*.escapes < 0.2'), strategies, 'connectionLeak')).toBeUndefined();
  });

  it('names the strategies when one is unknown', () => {
    expect(assertionScenarioProblem(parsed('canry.escapes < 0.2'), strategies, 'latency')).toBe(
      'no strategy "canry" in this scenario; did you mean canary?; the strategies are rolling, canary (or * for all)',
    );
  });

  it('keeps false rollbacks to control scenarios and detection to faulty ones', () => {
    expect(assertionScenarioProblem(parsed('canary.falseRollbacks < 0.1'), strategies, 'latency')).toContain(
      'falseRollbacks are counted in control scenarios',
    );
    expect(assertionScenarioProblem(parsed('canary.detection < 3m'), strategies, 'none')).toContain(
      'detection needs a faulty release',
    );
    expect(assertionScenarioProblem(parsed('canary.blastRadius < 10'), strategies, 'none')).toBeUndefined();
  });
});
