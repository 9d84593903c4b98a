/**
 * Translates a Go RE2 regular expression (the syntax of PromQL's `=~`, `!~` and
 * `label_replace`) to an equivalent JavaScript RegExp, fully anchored as Prometheus
 * anchors it: `^(?:re)$`.
 *
 * What differs between the dialects is rewritten: `.` (RE2 excludes only `\n`, or nothing
 * under the `s` flag; JavaScript also excludes `\r`, U+2028, U+2029), `\s` (RE2: ASCII
 * whitespace without `\v`), `\A`, `\z`, `\Q…\E`, `\x{…}`, `(?P<name>…)`, POSIX classes
 * (`[[:alpha:]]`), a leading `]` in a class, and leading flag groups (`(?i)`, `(?s)`,
 * `(?m)`). What RE2 rejects is rejected (lookarounds, backreferences); what has no
 * JavaScript equivalent without the `u` flag is reported as not supported (`\p{…}`, flag
 * groups in the middle of a pattern).
 */
import { notSupported, PromQLError } from './errors.js';

const POSIX_CLASSES: Readonly<Record<string, string>> = {
  alnum: '0-9A-Za-z',
  alpha: 'A-Za-z',
  ascii: '\\x00-\\x7f',
  blank: '\\t ',
  cntrl: '\\x00-\\x1f\\x7f',
  digit: '0-9',
  graph: '!-~',
  lower: 'a-z',
  print: ' -~',
  punct: '!-\\/:-@\\[-`{-~',
  space: '\\t\\n\\v\\f\\r ',
  upper: 'A-Z',
  word: '0-9A-Za-z_',
  xdigit: '0-9A-Fa-f',
};

const RE2_SPACE = '\\t\\n\\f\\r ';

function invalid(source: string, why: string): PromQLError {
  return new PromQLError(`error parsing regexp: ${why}: \`${source}\``);
}

/**
 * Compiles a RE2 pattern as `^(?:pattern)$`. `dotMatchesNewline` is Prometheus 3's
 * behaviour (`.` matches `\n`); Prometheus 2 needs `(?s)` for that.
 * Throws a PromQLError for invalid or unsupported patterns.
 */
export function compileAnchoredRegex(source: string, dotMatchesNewline = false): RegExp {
  const { body, flags } = translateRE2(source, dotMatchesNewline);
  try {
    return new RegExp(`^(?:${body})$`, flags);
  } catch (e) {
    throw invalid(source, (e as Error).message);
  }
}

/** The JavaScript source and flags equivalent to a RE2 pattern (not anchored). */
export function translateRE2(source: string, dotMatchesNewline = false): { body: string; flags: string } {
  let i = 0;
  let flags = '';
  let dotAll = dotMatchesNewline;
  const lead = /^\(\?([a-zA-Z]+)\)/.exec(source);
  if (lead !== null) {
    for (const f of lead[1]) {
      if (f === 'i' || f === 'm') flags += flags.includes(f) ? '' : f;
      else if (f === 's') dotAll = true;
      else if (f === 'U') throw notSupported('the regex flag U (ungreedy)');
      else throw invalid(source, `invalid or unsupported Perl syntax: \`(?${f}\``);
    }
    i = lead[0].length;
  }
  let out = '';
  let inClass = false;
  while (i < source.length) {
    const c = source[i];
    if (c === '\\') {
      const [text, next] = translateEscape(source, i, inClass);
      out += text;
      i = next;
      continue;
    }
    if (inClass) {
      if (c === ']') {
        inClass = false;
        out += c;
        i++;
        continue;
      }
      if (c === '[' && source[i + 1] === ':') {
        const end = source.indexOf(':]', i + 2);
        if (end > 0) {
          let name = source.slice(i + 2, end);
          const negated = name.startsWith('^');
          if (negated) name = name.slice(1);
          const ranges = POSIX_CLASSES[name];
          if (ranges === undefined) throw invalid(source, `invalid character class range: \`[:${name}:]\``);
          if (negated) throw notSupported('a negated POSIX class in a regex');
          out += ranges;
          i = end + 2;
          continue;
        }
      }
      out += c === '[' ? '\\[' : c;
      i++;
      continue;
    }
    switch (c) {
      case '[': {
        inClass = true;
        out += '[';
        i++;
        if (source[i] === '^') {
          out += '^';
          i++;
        }
        if (source[i] === ']') {
          out += '\\]';
          i++;
        }
        continue;
      }
      case '.':
        out += dotAll ? '[\\s\\S]' : '[^\\n]';
        i++;
        continue;
      case '(': {
        if (source[i + 1] !== '?') {
          out += c;
          i++;
          continue;
        }
        const rest = source.slice(i);
        if (rest.startsWith('(?:')) {
          out += '(?:';
          i += 3;
        } else if (rest.startsWith('(?P<')) {
          out += '(?<';
          i += 4;
        } else if (/^\(\?<[A-Za-z_]/.test(rest)) {
          out += '(?<';
          i += 3;
        } else if (/^\(\?[a-zA-Z-]+[:)]/.test(rest)) {
          throw notSupported('a regex flag group after the start of the pattern');
        } else {
          throw invalid(source, `invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
        }
        continue;
      }
      default:
        out += c;
        i++;
    }
  }
  if (inClass) throw invalid(source, 'missing closing ]');
  return { body: out, flags };
}

/** Translates the escape at `source[i]` (a backslash); returns the text and next index. */
function translateEscape(source: string, i: number, inClass: boolean): [string, number] {
  const e = source[i + 1];
  if (e === undefined) throw invalid(source, 'trailing backslash at end of expression');
  switch (e) {
    case 'A':
      if (inClass) throw invalid(source, 'invalid escape sequence: `\\A`');
      return ['^', i + 2];
    case 'z':
      if (inClass) throw invalid(source, 'invalid escape sequence: `\\z`');
      return ['$', i + 2];
    case 's':
      return [inClass ? RE2_SPACE : `[${RE2_SPACE}]`, i + 2];
    case 'S':
      return [inClass ? '\\S' : `[^${RE2_SPACE}]`, i + 2];
    case 'd':
    case 'D':
    case 'w':
    case 'W':
    case 'f':
    case 't':
    case 'n':
    case 'r':
    case 'v':
      return [`\\${e}`, i + 2];
    case 'b':
    case 'B':
      if (inClass) throw invalid(source, `invalid escape sequence: \`\\${e}\``);
      return [`\\${e}`, i + 2];
    case 'a':
      return ['\\x07', i + 2];
    case 'Q': {
      const end = source.indexOf('\\E', i + 2);
      const literal = source.slice(i + 2, end < 0 ? source.length : end);
      return [literal.replace(/[\\^$.*+?()[\]{}|/-]/g, '\\$&'), end < 0 ? source.length : end + 2];
    }
    case 'x': {
      if (source[i + 2] === '{') {
        const end = source.indexOf('}', i + 3);
        const hex = end < 0 ? '' : source.slice(i + 3, end);
        if (!/^[0-9a-fA-F]{1,6}$/.test(hex)) throw invalid(source, 'invalid escape sequence: `\\x{`');
        const code = Number.parseInt(hex, 16);
        if (code > 0xffff) throw notSupported('a regex escape above U+FFFF');
        return [`\\u${code.toString(16).padStart(4, '0')}`, end + 1];
      }
      const hex = source.slice(i + 2, i + 4);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw invalid(source, 'invalid escape sequence: `\\x`');
      return [`\\x${hex}`, i + 4];
    }
    case 'p':
    case 'P':
      throw notSupported('a Unicode class (\\p) in a regex');
    case 'C':
      throw notSupported('\\C in a regex');
  }
  if (e >= '0' && e <= '7') {
    const m = /^[0-7]{1,3}/.exec(source.slice(i + 1))!;
    if (e !== '0' && m[0].length === 1) throw invalid(source, `invalid escape sequence: \`\\${e}\``);
    return [`\\x${Number.parseInt(m[0], 8).toString(16).padStart(2, '0')}`, i + 1 + m[0].length];
  }
  if (/[0-9A-Za-z]/.test(e)) throw invalid(source, `invalid escape sequence: \`\\${e}\``);
  return [`\\${e}`, i + 2];
}
