import { describe, expect, it } from 'vitest';
import { PromQLError } from './errors.js';
import { compileAnchoredRegex } from './regex.js';

const matches = (pattern: string, value: string, dotAll = false) =>
  compileAnchoredRegex(pattern, dotAll).test(value);

describe('compileAnchoredRegex (RE2, anchored as Prometheus anchors)', () => {
  it('matches the whole value only', () => {
    expect(matches('5..', '503')).toBe(true);
    expect(matches('5..', '5030')).toBe(false);
    expect(matches('a|b', 'ab')).toBe(false);
    expect(matches('a|b', 'b')).toBe(true);
    expect(matches('.*', '')).toBe(true);
  });

  it("gives `.` RE2's meaning: anything but \\n (Prometheus 2), or anything (Prometheus 3)", () => {
    expect(matches('a.b', 'a\rb')).toBe(true);
    expect(matches('a.b', 'a\nb')).toBe(false);
    expect(matches('a.b', 'a\nb', true)).toBe(true);
    expect(matches('(?s)a.b', 'a\nb')).toBe(true);
  });

  it('scopes flags as RE2 does', () => {
    expect(matches('(?i)prod', 'PROD')).toBe(true);
    expect(matches('(?i:pro)d', 'PROd')).toBe(true);
    expect(matches('(?i:pro)d', 'PROD')).toBe(false);
    expect(matches('.*((?i)duc).*', 'proDUCtion')).toBe(true);
    expect(matches('a(?i)b|c', 'aB')).toBe(true);
    expect(matches('a(?i)b|c', 'C')).toBe(true); // the flag reaches to the end of the group
    expect(matches('(?i)[a-c]x', 'BX')).toBe(true);
    expect(matches('x(?i:[a-c])', 'xB')).toBe(true);
    expect(matches('x(?i:[a-c])', 'XB')).toBe(false);
  });

  it("translates RE2's escapes and classes", () => {
    expect(matches('\\s', '\v')).toBe(false); // RE2's \s has no \v
    expect(matches('\\s', '\t')).toBe(true);
    expect(matches('[[:alpha:]]+[[:digit:]]', 'abc1')).toBe(true);
    expect(matches('[]a]+', ']a]')).toBe(true);
    expect(matches('\\Qa.b*\\E', 'a.b*')).toBe(true);
    expect(matches('\\Qa.b*\\E', 'axbb')).toBe(false);
    expect(matches('\\x{41}\\x42\\101', 'ABA')).toBe(true);
    expect(matches('(?P<code>5)\\d\\d', '500')).toBe(true);
    expect(matches('\\Aab\\z', 'ab')).toBe(true);
  });

  it('rejects what RE2 rejects, with a PromQLError', () => {
    for (const bad of ['(?=a)', '(?!a)', '(?<=a)b', '(a)\\1', 'a(', '[a', '\\y']) {
      expect(() => compileAnchoredRegex(bad), bad).toThrow(PromQLError);
    }
  });

  it('reports what it cannot translate as not supported', () => {
    expect(() => compileAnchoredRegex('\\pL')).toThrow(/not supported by the lab/);
    expect(() => compileAnchoredRegex('(?U)a+')).toThrow(/not supported by the lab/);
  });
});
