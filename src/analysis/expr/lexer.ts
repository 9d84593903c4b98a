/**
 * The tokenizer of the condition language, following expr-lang's lexer: numbers (with
 * `_`, hex `0x`, octal `0o`, binary `0b`, fraction and exponent), strings in single or
 * double quotes with Go escapes, raw strings in backticks, identifiers (letters, digits,
 * `_`, `$`), word operators (`not`, `and`, `or`, `in`, …), `//` and `/* *\/` comments.
 * A number's text is kept as written; the parser decides int or float, as expr-lang does.
 */
import { unquote } from '../promql/literals.js';
import { fail } from './errors.js';

export type TokenKind = 'number' | 'string' | 'identifier' | 'operator' | 'bracket' | 'eof';

export interface Token {
  readonly kind: TokenKind;
  /** The token's text; for strings, the unescaped value. */
  readonly value: string;
  /** 0-based character offset of the token's first character. */
  readonly offset: number;
}

const WORD_OPERATORS = new Set([
  'not',
  'in',
  'or',
  'and',
  'matches',
  'contains',
  'startsWith',
  'endsWith',
  'let',
]);
const TWO_CHAR_OPERATORS = new Set(['==', '!=', '<=', '>=', '&&', '||', '**', '??', '?.', '..', '::']);
const ONE_CHAR_OPERATORS = '!<>+-*/%^?:,.#|=;&';

function isAlphaNumeric(ch: string): boolean {
  return /^[\p{L}\p{Nd}_$]$/u.test(ch);
}

function isDigit(ch: string | undefined): boolean {
  return ch !== undefined && ch >= '0' && ch <= '9';
}

/** Tokenize `source`; throws an ExprFailure at the first character it cannot read. */
export function tokenize(source: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  const peek = (k = 0): string | undefined => source[i + k];

  while (i < source.length) {
    const ch = source[i];
    if (/\s/.test(ch)) {
      i++;
    } else if (ch === '/' && peek(1) === '/') {
      while (i < source.length && source[i] !== '\n') i++;
    } else if (ch === '/' && peek(1) === '*') {
      const end = source.indexOf('*/', i + 2);
      if (end < 0) fail('unclosed comment', source.length - 1);
      i = end + 2;
    } else if (ch === '"' || ch === "'") {
      const start = i;
      const [value, next] = scanQuoted(source, i);
      tokens.push({ kind: 'string', value, offset: start });
      i = next;
    } else if (ch === '`') {
      const start = i;
      const [value, next] = scanRaw(source, i);
      tokens.push({ kind: 'string', value, offset: start });
      i = next;
    } else if (isDigit(ch) || (ch === '.' && isDigit(peek(1)))) {
      const start = i;
      i = scanNumber(source, i);
      tokens.push({ kind: 'number', value: source.slice(start, i), offset: start });
    } else if ('([{)]}'.includes(ch)) {
      tokens.push({ kind: 'bracket', value: ch, offset: i });
      i++;
    } else if (TWO_CHAR_OPERATORS.has(source.slice(i, i + 2))) {
      tokens.push({ kind: 'operator', value: source.slice(i, i + 2), offset: i });
      i += 2;
    } else if (ONE_CHAR_OPERATORS.includes(ch)) {
      tokens.push({ kind: 'operator', value: ch, offset: i });
      i++;
    } else if (isAlphaNumeric(ch)) {
      const start = i;
      while (i < source.length && isAlphaNumeric(source[i])) i++;
      const word = source.slice(start, i);
      tokens.push({ kind: WORD_OPERATORS.has(word) ? 'operator' : 'identifier', value: word, offset: start });
    } else {
      fail(`unrecognized character: ${JSON.stringify(ch)}`, i);
    }
  }
  tokens.push({ kind: 'eof', value: '', offset: source.length });
  return tokens;
}

function scanNumber(source: string, start: number): number {
  let i = start;
  let digits = /[0-9_]/;
  if (source[i] === '0' && /[xXoObB]/.test(source[i + 1] ?? '')) {
    const base = source[i + 1].toLowerCase();
    digits = base === 'x' ? /[0-9a-fA-F_]/ : base === 'o' ? /[0-7_]/ : /[01_]/;
    i += 2;
  }
  while (i < source.length && digits.test(source[i])) i++;
  // `1..3` is a range, not a float: leave the dots to the operator scanner.
  if (source[i] === '.' && source[i + 1] !== '.') {
    i++;
    while (i < source.length && digits.test(source[i])) i++;
  }
  if (source[i] === 'e' || source[i] === 'E') {
    i++;
    if (source[i] === '+' || source[i] === '-') i++;
    while (i < source.length && digits.test(source[i])) i++;
  }
  if (i < source.length && isAlphaNumeric(source[i])) {
    fail(`bad number syntax: ${JSON.stringify(source.slice(start, i + 1))}`, i);
  }
  return i;
}

/**
 * A quoted string starting at `start`: find its end, then unescape it as Go does (the
 * same rules as PromQL strings); returns its value and the index after it.
 */
function scanQuoted(source: string, start: number): [string, number] {
  const quote = source[start];
  let i = start + 1;
  for (;;) {
    const ch = source[i];
    if (ch === undefined || ch === '\n') fail('literal not terminated', start);
    if (ch === quote) break;
    i += ch === '\\' ? 2 : 1;
  }
  const value = unquote(source.slice(start, i + 1));
  if (value === undefined) fail('invalid char escape', start);
  return [value, i + 1];
}

/** A backtick raw string; two backticks in a row stand for one. */
function scanRaw(source: string, start: number): [string, number] {
  let i = start + 1;
  let out = '';
  for (;;) {
    const ch = source[i];
    if (ch === undefined) fail('literal not terminated', start);
    if (ch === '`') {
      if (source[i + 1] === '`') {
        out += '`';
        i += 2;
        continue;
      }
      return [out, i + 1];
    }
    out += ch;
    i++;
  }
}
