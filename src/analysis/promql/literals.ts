/**
 * Literals as Prometheus reads and writes them: quoted strings (Go escapes, three quote
 * styles), durations (`1h30m`), number literals (Go's `ParseInt(s, 0, 64)` then
 * `ParseFloat`), `le` bucket bounds (`ParseFloat`) and the float format of `count_values`
 * (`FormatFloat(v, 'f', -1, 64)`).
 */

/**
 * Unquotes a PromQL string literal: `"…"` and `'…'` with Go escapes (`\n`, `\x41`,
 * `\u00e9`, `\101`, the own quote), or raw `` `…` ``. Returns undefined on invalid
 * syntax (unterminated, bad escape, newline inside quotes).
 */
export function unquote(s: string): string | undefined {
  const n = s.length;
  if (n < 2) return undefined;
  const quote = s[0];
  if (quote !== s[n - 1]) return undefined;
  const body = s.slice(1, n - 1);
  if (quote === '`') return body.includes('`') ? undefined : body;
  if (quote !== '"' && quote !== "'") return undefined;
  if (body.includes('\n')) return undefined;
  if (!body.includes('\\') && !body.includes(quote)) return body;
  let out = '';
  let i = 0;
  while (i < body.length) {
    const c = body[i];
    if (c === quote) return undefined;
    if (c !== '\\') {
      out += c;
      i++;
      continue;
    }
    if (i + 1 >= body.length) return undefined;
    const e = body[i + 1];
    i += 2;
    switch (e) {
      case 'a':
        out += '\x07';
        break;
      case 'b':
        out += '\b';
        break;
      case 'f':
        out += '\f';
        break;
      case 'n':
        out += '\n';
        break;
      case 'r':
        out += '\r';
        break;
      case 't':
        out += '\t';
        break;
      case 'v':
        out += '\v';
        break;
      case '\\':
        out += '\\';
        break;
      case "'":
      case '"':
        if (e !== quote) return undefined;
        out += e;
        break;
      case 'x':
      case 'u':
      case 'U': {
        const len = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const hex = body.slice(i, i + len);
        if (hex.length < len || !/^[0-9a-fA-F]+$/.test(hex)) return undefined;
        const code = Number.parseInt(hex, 16);
        if (code > 0x10ffff) return undefined;
        out += String.fromCodePoint(code);
        i += len;
        break;
      }
      default: {
        if (e < '0' || e > '7') return undefined;
        const oct = body.slice(i - 1, i + 2);
        if (!/^[0-7]{3}$/.test(oct)) return undefined;
        const code = Number.parseInt(oct, 8);
        if (code > 255) return undefined;
        out += String.fromCharCode(code);
        i += 2;
      }
    }
  }
  return out;
}

const DURATION_UNITS: readonly [string, number][] = [
  ['y', 365 * 24 * 3600_000],
  ['w', 7 * 24 * 3600_000],
  ['d', 24 * 3600_000],
  ['h', 3600_000],
  ['m', 60_000],
  ['s', 1000],
  ['ms', 1],
];
const DURATION_RE = /^(?:(\d+)y)?(?:(\d+)w)?(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?(?:(\d+)s)?(?:(\d+)ms)?$/;

/**
 * Parses a Prometheus duration (`5m`, `1h30m`, `500ms`; units y w d h m s ms, largest
 * first, a year being 365 days) to milliseconds. Returns undefined when malformed.
 */
export function parseDuration(s: string): number | undefined {
  if (s === '0') return 0;
  const m = DURATION_RE.exec(s);
  if (m === null || s === '') return undefined;
  let ms = 0;
  for (let i = 0; i < DURATION_UNITS.length; i++) {
    const part = m[i + 1];
    if (part !== undefined) ms += Number(part) * DURATION_UNITS[i][1];
  }
  return ms;
}

/** Whether a number token is a duration (`5m`) rather than a plain number. */
export function isDurationToken(s: string): boolean {
  return /^\d+(?:y|w|d|h|m|s|ms)/.test(s) && DURATION_RE.test(s);
}

/**
 * The value of a PromQL number token, as Prometheus's parser computes it: first Go's
 * `ParseInt(s, 0, 64)` (so `0x1f` is 31 and a leading zero means octal: `010` is 8), then
 * `ParseFloat`; `Inf`/`NaN` in any case. A duration token (`5m`) is its length in seconds,
 * as in Prometheus 3. Returns undefined when malformed.
 */
export function parseNumberLiteral(s: string): number | undefined {
  const lower = s.toLowerCase();
  if (lower === 'inf' || lower === '+inf') return Number.POSITIVE_INFINITY;
  if (lower === '-inf') return Number.NEGATIVE_INFINITY;
  if (lower === 'nan') return Number.NaN;
  if (isDurationToken(s)) {
    const ms = parseDuration(s);
    return ms === undefined ? undefined : ms / 1000;
  }
  const int = parseGoInt(s);
  if (int !== undefined) return int;
  return parseGoFloat(s);
}

/** Go's `strconv.ParseInt(s, 0, 64)` for unsigned literals, as a float64; undefined if invalid. */
function parseGoInt(s: string): number | undefined {
  let digits = s;
  let base = 10;
  if (/^0[xX]/.test(s)) {
    base = 16;
    digits = s.slice(2);
  } else if (/^0[oO]/.test(s)) {
    base = 8;
    digits = s.slice(2);
  } else if (/^0[bB]/.test(s)) {
    base = 2;
    digits = s.slice(2);
  } else if (/^0[0-9_]/.test(s)) {
    base = 8;
    digits = s.slice(1);
  }
  const prefixed = digits !== s;
  // Go allows single underscores between digits (and after a base prefix) in base 0.
  if (digits.startsWith('_') && !prefixed) return undefined;
  if (digits.endsWith('_') || digits.includes('__')) return undefined;
  const clean = digits.replace(/^_/, '').replace(/_/g, '');
  if (clean === '') return undefined;
  const valid =
    base === 16 ? /^[0-9a-fA-F]+$/ : base === 10 ? /^[0-9]+$/ : base === 8 ? /^[0-7]+$/ : /^[01]+$/;
  if (!valid.test(clean)) return undefined;
  const big = BigInt(base === 10 ? clean : `0${base === 16 ? 'x' : base === 8 ? 'o' : 'b'}${clean}`);
  if (big > 9223372036854775807n) return undefined;
  return Number(big);
}

/**
 * Go's `strconv.ParseFloat(s, 64)`: decimal with optional exponent, hex with a `p`
 * exponent, `Inf`/`Infinity`/`NaN` in any case with an optional sign. No surrounding
 * spaces. Returns undefined when invalid. Used for `le` bucket bounds.
 */
export function parseGoFloat(s: string): number | undefined {
  const m = /^([+-]?)(.*)$/.exec(s)!;
  const sign = m[1] === '-' ? -1 : 1;
  const body = m[2];
  const lower = body.toLowerCase();
  if (lower === 'inf' || lower === 'infinity') return sign * Number.POSITIVE_INFINITY;
  if (lower === 'nan') return Number.NaN;
  if (/^(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/.test(body)) return sign * Number(body);
  const hex = /^0[xX]([0-9a-fA-F]*)(?:\.([0-9a-fA-F]*))?[pP]([+-]?\d+)$/.exec(body);
  if (hex !== null) {
    const int = hex[1];
    const frac = hex[2] ?? '';
    if (int === '' && frac === '') return undefined;
    let mantissa = 0;
    for (const ch of int + frac) mantissa = mantissa * 16 + Number.parseInt(ch, 16);
    return sign * mantissa * 2 ** (Number(hex[3]) - 4 * frac.length);
  }
  return undefined;
}

/**
 * Go's `strconv.FormatFloat(v, 'f', -1, 64)`: the shortest digits that round-trip, never
 * an exponent; `+Inf`, `-Inf`, `NaN`, and `-0` for negative zero.
 */
export function formatGoFloat(v: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Number.POSITIVE_INFINITY) return '+Inf';
  if (v === Number.NEGATIVE_INFINITY) return '-Inf';
  if (v === 0) return Object.is(v, -0) ? '-0' : '0';
  const s = String(v);
  const e = s.indexOf('e');
  if (e < 0) return s;
  const negative = s.startsWith('-');
  const mantissa = s.slice(negative ? 1 : 0, e);
  const exp = Number(s.slice(e + 1));
  const dot = mantissa.indexOf('.');
  const digits = mantissa.replace('.', '');
  const pointAt = (dot < 0 ? mantissa.length : dot) + exp;
  let out: string;
  if (pointAt <= 0) out = `0.${'0'.repeat(-pointAt)}${digits}`;
  else if (pointAt >= digits.length) out = digits + '0'.repeat(pointAt - digits.length);
  else out = `${digits.slice(0, pointAt)}.${digits.slice(pointAt)}`;
  return negative ? `-${out}` : out;
}

/** Prometheus's label name rule (`model.LabelNameRE`). */
export function isValidLabelName(name: string): boolean {
  return /^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name);
}
