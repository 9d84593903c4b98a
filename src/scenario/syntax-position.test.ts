/**
 * Syntax errors inside query and condition strings point at the offending character,
 * whatever the YAML quoting. The checkers are replaced by fakes that flag the first "@".
 */
import { describe, expect, it, vi } from 'vitest';
import { errorsOf, MINIMAL_SPEC } from './test-support/inline.js';

function flagAt(text: string) {
  const offset = text.indexOf('@');
  return offset < 0 ? null : { message: 'unexpected "@"', offset };
}
vi.mock('../analysis/promql/check.js', () => ({ checkPromQL: flagAt }));
vi.mock('../analysis/expr/check.js', () => ({ checkCondition: flagAt }));

function queryError(queryLines: string): string {
  const spec = `${MINIMAL_SPEC}  analysis:\n    metrics:\n      - name: m\n${queryLines}`;
  return errorsOf(spec)[0];
}

// The query key sits on line 17 of the inline document, its value from column 16.
describe('positions inside strings', () => {
  it('plain scalar', () => {
    expect(queryError('        query: sum(@rate)\n')).toMatch(
      /^inline.yaml:17:20: spec.analysis.metrics\[0\].query: invalid PromQL: unexpected "@"$/,
    );
  });

  it('double-quoted, with escapes before the error', () => {
    expect(queryError('        query: "a{x=\\"1\\"} @"\n')).toMatch(/^inline.yaml:17:28:/);
  });

  it('single-quoted, with a doubled quote before the error', () => {
    expect(queryError("        query: 'a{x=''1''} @'\n")).toMatch(/^inline.yaml:17:28:/);
  });

  it('literal block, on its second line', () => {
    expect(queryError('        query: |\n          sum(rate(x[1m]))\n            / @\n')).toMatch(
      /^inline.yaml:19:15:/,
    );
  });

  it('folded block: the start of the value', () => {
    expect(queryError('        query: >\n          sum(rate(x[1m]))\n          / @\n')).toMatch(
      /^inline.yaml:17:16:/,
    );
  });

  it('plain scalar over two lines: the start of the value', () => {
    expect(queryError('        query: sum(rate(x[1m]))\n          / @\n')).toMatch(/^inline.yaml:17:16:/);
  });

  it('conditions and alert expressions too', () => {
    expect(queryError('        query: up\n        successCondition: result[0] @ 1\n')).toMatch(
      /^inline.yaml:18:37: spec.analysis.metrics\[0\].successCondition: invalid condition: unexpected "@"$/,
    );
    const alerts = `${MINIMAL_SPEC}  alerts:\n    - {name: A, expr: "up @ 1"}\n`;
    expect(errorsOf(alerts)).toEqual([
      'inline.yaml:15:27: spec.alerts[0].expr: invalid PromQL: unexpected "@"',
    ]);
  });
});
