/**
 * Translates a Go RE2 regular expression (the syntax of PromQL's `=~`, `!~` and
 * `label_replace`) to an equivalent JavaScript RegExp, fully anchored as Prometheus
 * anchors it: `^(?:re)$`.
 *
 * What differs between the dialects is rewritten: `.` (RE2 excludes only `\n`, or nothing
 * under the `s` flag; JavaScript also excludes `\r`, U+2028, U+2029), `\s` (ASCII
 * whitespace without `\v`), `\A`, `\z`, `\Q…\E`, `\x{…}`, `(?P<name>…)`, POSIX classes
 * (`[[:alpha:]]`), a leading `]` in a class, and flag groups — `(?i)`, `(?s)`, `(?m)`,
 * `(?i:…)`, `(?-i)` — anywhere, scoped as RE2 scopes them (case-insensitivity inside a
 * scope becomes `[aA]`-style classes for letters). What RE2 rejects is rejected
 * (lookarounds, backreferences); what has no JavaScript equivalent without the `u` flag
 * is reported as not supported (`\p{…}`, the `U` flag).
 *
 * Known differences: JavaScript matches UTF-16 code units, so `.` does not match one
 * astral character as a whole; scoped case-insensitivity covers ASCII letters and
 * Unicode letters with a simple case pair, not RE2's full case folding.
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

interface Flags {
  i: boolean;
  s: boolean;
  m: boolean;
}

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
  return new Translator(source, dotMatchesNewline).run();
}

/** A letter with a simple other-case form, as a class of both; else the escaped char. */
function caseless(ch: string): string {
  const lower = ch.toLowerCase();
  const upper = ch.toUpperCase();
  if (lower === upper || lower.length !== 1 || upper.length !== 1) return escapeChar(ch);
  return `[${escapeChar(lower)}${escapeChar(upper)}]`;
}

function escapeChar(ch: string): string {
  return /[\\^$.*+?()[\]{}|/-]/.test(ch) ? `\\${ch}` : ch;
}

function hex4(code: number): string {
  return `\\u${code.toString(16).padStart(4, '0')}`;
}

class Translator {
  private i = 0;
  private out = '';
  private flags: Flags;
  private readonly stack: Flags[] = [];
  /** Case-insensitive everywhere: use JavaScript's `i` flag rather than expanding letters. */
  private readonly globalI: boolean;

  constructor(
    private readonly src: string,
    dotMatchesNewline: boolean,
  ) {
    this.flags = { i: false, s: dotMatchesNewline, m: false };
    const lead = /^\(\?([a-zA-Z]*)\)/.exec(src);
    const later = lead === null ? src : src.slice(lead[0].length);
    this.globalI = lead?.[1].includes('i') === true && !/\(\?[a-zA-Z-]*[:)]/.test(later);
  }

  run(): { body: string; flags: string } {
    const src = this.src;
    while (this.i < src.length) {
      const c = src[this.i];
      switch (c) {
        case '\\':
          this.out += this.escape(false);
          break;
        case '[':
          this.out += this.charClass();
          break;
        case '.':
          this.out += this.flags.s ? '[\\s\\S]' : '[^\\n]';
          this.i++;
          break;
        case '^':
          this.out += this.flags.m ? '(?:^|(?<=\\n))' : '^';
          this.i++;
          break;
        case '$':
          this.out += this.flags.m ? '(?:$|(?=\\n))' : '$';
          this.i++;
          break;
        case '(':
          this.group();
          break;
        case ')':
          if (this.stack.length === 0) throw invalid(src, 'unexpected )');
          this.flags = this.stack.pop()!;
          this.out += ')';
          this.i++;
          break;
        default:
          this.out += this.literal(c);
          this.i++;
      }
    }
    if (this.stack.length > 0) throw invalid(src, 'missing closing )');
    return { body: this.out, flags: this.globalI ? 'i' : '' };
  }

  /** A character outside a class, as written (operators stay operators). */
  private literal(ch: string): string {
    return this.folds(ch) ? caseless(ch) : ch;
  }

  /** A character that must match itself (escaped if it is an operator). */
  private exact(ch: string): string {
    return this.folds(ch) ? caseless(ch) : escapeChar(ch);
  }

  /** Whether a letter must match both cases under a scoped `(?i)`. */
  private folds(ch: string): boolean {
    return this.flags.i && !this.globalI && ch.toLowerCase() !== ch.toUpperCase();
  }

  private group(): void {
    const rest = this.src.slice(this.i);
    this.stack.push({ ...this.flags });
    if (!rest.startsWith('(?')) {
      this.out += '(';
      this.i++;
      return;
    }
    if (rest.startsWith('(?:')) {
      this.out += '(?:';
      this.i += 3;
      return;
    }
    const named = /^\(\?P?<([A-Za-z_][A-Za-z0-9_]*)>/.exec(rest);
    if (named !== null) {
      this.out += `(?<${named[1]}>`;
      this.i += named[0].length;
      return;
    }
    const flagGroup = /^\(\?([a-zA-Z]*(?:-[a-zA-Z]*)?)([:)])/.exec(rest);
    if (flagGroup === null)
      throw invalid(this.src, `invalid or unsupported Perl syntax: \`${rest.slice(0, 3)}\``);
    const next = { ...this.flags };
    let on = true;
    for (const f of flagGroup[1]) {
      if (f === '-') on = false;
      else if (f === 'i' || f === 's' || f === 'm') next[f] = on;
      else if (f === 'U') throw notSupported('the regex flag U (ungreedy)');
      else throw invalid(this.src, `invalid or unsupported Perl syntax: \`(?${f}\``);
    }
    this.i += flagGroup[0].length;
    if (flagGroup[2] === ':') {
      this.flags = next;
      this.out += '(?:';
    } else {
      // `(?flags)` changes the flags for the rest of the enclosing group.
      this.stack.pop();
      this.flags = next;
    }
  }

  /** Translates the escape at `src[i]` (a backslash). */
  private escape(inClass: boolean): string {
    const src = this.src;
    const e = src[this.i + 1];
    if (e === undefined) throw invalid(src, 'trailing backslash at end of expression');
    const bad = () => invalid(src, `invalid escape sequence: \`\\${e}\``);
    this.i += 2;
    switch (e) {
      case 'A':
        if (inClass) throw bad();
        return '^';
      case 'z':
        if (inClass) throw bad();
        return '$';
      case 's':
        return inClass ? RE2_SPACE : `[${RE2_SPACE}]`;
      case 'S':
        return inClass ? '\\S' : `[^${RE2_SPACE}]`;
      case 'd':
      case 'D':
      case 'w':
      case 'W':
      case 'f':
      case 't':
      case 'n':
      case 'r':
      case 'v':
        return `\\${e}`;
      case 'b':
      case 'B':
        if (inClass) throw bad();
        return `\\${e}`;
      case 'a':
        return '\\x07';
      case 'Q': {
        const end = src.indexOf('\\E', this.i);
        const literal = src.slice(this.i, end < 0 ? src.length : end);
        this.i = end < 0 ? src.length : end + 2;
        return [...literal].map((ch) => (inClass ? escapeChar(ch) : this.exact(ch))).join('');
      }
      case 'x': {
        let code: number;
        if (src[this.i] === '{') {
          const end = src.indexOf('}', this.i + 1);
          const hex = end < 0 ? '' : src.slice(this.i + 1, end);
          if (!/^[0-9a-fA-F]{1,6}$/.test(hex)) throw bad();
          code = Number.parseInt(hex, 16);
          this.i = end + 1;
        } else {
          const hex = src.slice(this.i, this.i + 2);
          if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw bad();
          code = Number.parseInt(hex, 16);
          this.i += 2;
        }
        if (code > 0xffff) throw notSupported('a regex escape above U+FFFF');
        return this.codeUnit(code, inClass);
      }
      case 'p':
      case 'P':
        throw notSupported('a Unicode class (\\p) in a regex');
      case 'C':
        throw notSupported('\\C in a regex');
    }
    if (e >= '0' && e <= '7') {
      const m = /^[0-7]{0,2}/.exec(src.slice(this.i))!;
      if (e !== '0' && m[0].length === 0) throw bad();
      this.i += m[0].length;
      return this.codeUnit(Number.parseInt(e + m[0], 8), inClass);
    }
    if (/[0-9A-Za-z]/.test(e)) throw bad();
    return `\\${e}`;
  }

  private codeUnit(code: number, inClass: boolean): string {
    if (!inClass && this.flags.i && !this.globalI) return caseless(String.fromCharCode(code));
    return hex4(code);
  }

  /** A bracketed class, with POSIX classes and scoped case-insensitivity. */
  private charClass(): string {
    const src = this.src;
    this.i++;
    let out = '[';
    if (src[this.i] === '^') {
      out += '^';
      this.i++;
    }
    const fold = this.flags.i && !this.globalI;
    let extra = '';
    let first = true;
    for (;;) {
      if (this.i >= src.length) throw invalid(src, 'missing closing ]');
      const c = src[this.i];
      if (c === ']' && !first) {
        this.i++;
        break;
      }
      first = false;
      if (c === '[' && src[this.i + 1] === ':') {
        const end = src.indexOf(':]', this.i + 2);
        if (end > 0) {
          let name = src.slice(this.i + 2, end);
          const negated = name.startsWith('^');
          if (negated) name = name.slice(1);
          const ranges = POSIX_CLASSES[name];
          if (ranges === undefined) throw invalid(src, `invalid character class range: \`[:${name}:]\``);
          if (negated) throw notSupported('a negated POSIX class in a regex');
          out += ranges;
          this.i = end + 2;
          continue;
        }
      }
      const lo = this.classChar();
      if (src[this.i] === '-' && src[this.i + 1] !== ']' && this.i + 1 < src.length && lo.char !== null) {
        this.i++;
        const hi = this.classChar();
        if (hi.char === null) throw invalid(src, 'invalid character class range');
        out += `${lo.text}-${hi.text}`;
        if (fold) extra += foldRange(lo.char.charCodeAt(0), hi.char.charCodeAt(0));
        continue;
      }
      out += lo.text;
      if (fold && lo.char !== null) extra += foldRange(lo.char.charCodeAt(0), lo.char.charCodeAt(0));
    }
    return `${out}${extra}]`;
  }

  /** One class member: its JavaScript text, and the character when it is a single one. */
  private classChar(): { text: string; char: string | null } {
    const src = this.src;
    const c = src[this.i];
    if (c !== '\\') {
      this.i++;
      return { text: c === '[' || c === '^' || c === '-' || c === ']' ? `\\${c}` : c, char: c };
    }
    const e = src[this.i + 1];
    const text = this.escape(true);
    if (/^\\u[0-9a-f]{4}$/.test(text))
      return { text, char: String.fromCharCode(Number.parseInt(text.slice(2), 16)) };
    if (e !== undefined && !/[0-9A-Za-z]/.test(e)) return { text, char: e };
    return { text, char: null };
  }
}

/** The other-case counterparts of the letters in [lo, hi], as class text. */
function foldRange(lo: number, hi: number): string {
  let extra = '';
  const clip = (a: number, b: number, shift: number) => {
    const from = Math.max(lo, a);
    const to = Math.min(hi, b);
    if (from <= to) extra += `${hex4(from + shift)}-${hex4(to + shift)}`;
  };
  clip(0x61, 0x7a, -32);
  clip(0x41, 0x5a, 32);
  for (let c = Math.max(lo, 0x80); c <= hi && c < 0x80 + 2048; c++) {
    const ch = String.fromCharCode(c);
    const other = ch === ch.toLowerCase() ? ch.toUpperCase() : ch.toLowerCase();
    if (other !== ch && other.length === 1) extra += hex4(other.charCodeAt(0));
  }
  return extra;
}
