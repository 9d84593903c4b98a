import { describe, expect, it } from 'vitest';
import { formatGoFloat, parseDuration, parseGoFloat, parseNumberLiteral, unquote } from './literals.js';

describe('unquote (Go string literals, three quote styles)', () => {
  it('decodes escapes in double and single quotes', () => {
    expect(unquote('"a\\nb\\t\\"c\\\\"')).toBe('a\nb\t"c\\');
    expect(unquote("'it\\'s'")).toBe("it's");
    expect(unquote('"\\x41\\u00e9\\101\\U0001F600"')).toBe('AéA😀');
  });

  it('keeps raw strings raw', () => {
    expect(unquote('`a\\nb`')).toBe('a\\nb');
  });

  it('rejects what Go rejects', () => {
    expect(unquote('"abc')).toBeUndefined();
    expect(unquote('"a\\qb"')).toBeUndefined();
    expect(unquote('"it\\\'s"')).toBeUndefined(); // \' is not an escape inside "…"
    expect(unquote('\'say \\"x\\"\'')).toBeUndefined(); // nor \" inside '…'
    expect(unquote('"a"b"')).toBeUndefined();
  });
});

describe('parseDuration', () => {
  it('reads units largest first, in milliseconds', () => {
    expect(parseDuration('5m')).toBe(300_000);
    expect(parseDuration('1h30m')).toBe(5_400_000);
    expect(parseDuration('1d')).toBe(86_400_000);
    expect(parseDuration('1y')).toBe(365 * 86_400_000);
    expect(parseDuration('250ms')).toBe(250);
    expect(parseDuration('0')).toBe(0);
  });

  it('rejects units out of order or missing', () => {
    expect(parseDuration('30m1h')).toBeUndefined();
    expect(parseDuration('5')).toBeUndefined();
    expect(parseDuration('')).toBeUndefined();
  });
});

describe('parseNumberLiteral (ParseInt(s, 0, 64), then ParseFloat)', () => {
  it('reads decimals, exponents, hex, and octal with a leading zero like Prometheus', () => {
    expect(parseNumberLiteral('1.5e3')).toBe(1500);
    expect(parseNumberLiteral('.5')).toBe(0.5);
    expect(parseNumberLiteral('0x1F')).toBe(31);
    expect(parseNumberLiteral('010')).toBe(8); // Go's base-0 ParseInt: octal
    expect(parseNumberLiteral('09')).toBe(9); // not octal: falls back to ParseFloat
    expect(parseNumberLiteral('1_000')).toBe(1000);
  });

  it('reads Inf and NaN in any case, and durations as seconds (Prometheus 3)', () => {
    expect(parseNumberLiteral('Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumberLiteral('iNF')).toBe(Number.POSITIVE_INFINITY);
    expect(parseNumberLiteral('NaN')).toBeNaN();
    expect(parseNumberLiteral('5m')).toBe(300);
  });

  it('rejects malformed numbers', () => {
    expect(parseNumberLiteral('1_')).toBeUndefined();
    expect(parseNumberLiteral('1.2.3')).toBeUndefined();
  });
});

describe('parseGoFloat (le bounds)', () => {
  it('accepts what Go accepts', () => {
    expect(parseGoFloat('0.25')).toBe(0.25);
    expect(parseGoFloat('+Inf')).toBe(Number.POSITIVE_INFINITY);
    expect(parseGoFloat('-inf')).toBe(Number.NEGATIVE_INFINITY);
    expect(parseGoFloat('Infinity')).toBe(Number.POSITIVE_INFINITY);
    expect(parseGoFloat('1e+06')).toBe(1e6);
    expect(parseGoFloat('1.')).toBe(1);
    expect(parseGoFloat('0x1p-2')).toBe(0.25);
    expect(parseGoFloat('NaN')).toBeNaN();
  });

  it('rejects what Go rejects', () => {
    for (const s of ['', ' 1', '1 ', 'abc', '0x10', '1_0', '--1']) expect(parseGoFloat(s)).toBeUndefined();
  });
});

describe("formatGoFloat (FormatFloat(v, 'f', -1, 64))", () => {
  it('writes the shortest round-trip digits without an exponent', () => {
    expect(formatGoFloat(0.1)).toBe('0.1');
    expect(formatGoFloat(1e21)).toBe('1000000000000000000000');
    expect(formatGoFloat(1.5e-7)).toBe('0.00000015');
    expect(formatGoFloat(-2.5e22)).toBe('-25000000000000000000000');
    expect(formatGoFloat(42)).toBe('42');
  });

  it('writes specials as Go does', () => {
    expect(formatGoFloat(Number.POSITIVE_INFINITY)).toBe('+Inf');
    expect(formatGoFloat(Number.NEGATIVE_INFINITY)).toBe('-Inf');
    expect(formatGoFloat(Number.NaN)).toBe('NaN');
    expect(formatGoFloat(-0)).toBe('-0');
  });
});
