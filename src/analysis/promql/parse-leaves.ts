/**
 * The leaves of the syntax tree: number and string literals, durations, label matchers,
 * grouping labels and vector selectors, read from the lezer tree with Prometheus 2.42's
 * rules and messages.
 */
import type { LabelMatcher, MatchType } from '../../metrics/label-matcher.js';
import { METRIC_NAME } from '../../metrics/label-set.js';
import type { Pos, VectorSelector } from './ast.js';
import { notSupported, PromQLError } from './errors.js';
import { isDurationToken, parseDuration, parseNumberLiteral, unquote } from './literals.js';
import { makeMatcher } from './matchers.js';
import { children, type SyntaxNode } from './syntax.js';

const MATCH_OPS: Readonly<Record<string, MatchType>> = {
  EqlSingle: '=',
  Neq: '!=',
  EqlRegex: '=~',
  NeqRegex: '!~',
};

export class LeafReader {
  constructor(
    /** The source the tree was parsed from. */
    readonly src: string,
    /** Regex `.` also matches `\n` (Prometheus 3). */
    private readonly dotMatchesNewline: boolean,
  ) {}

  text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  pos(n: SyntaxNode): Pos {
    return { start: n.from, end: n.to };
  }

  /** A number literal, sign included (`-1`, `0x1f`, `Inf`, `5m` as 300). */
  number(n: SyntaxNode): number {
    const raw = this.text(n);
    const m = /^([+-]?)\s*(.*)$/s.exec(raw)!;
    const value = parseNumberLiteral(m[2]);
    if (value === undefined) {
      throw new PromQLError(`error parsing number: invalid syntax ${JSON.stringify(raw)}`, n.from);
    }
    return m[1] === '-' ? -value : value;
  }

  /** A quoted string literal, unquoted with Go's rules. */
  string(n: SyntaxNode): string {
    const raw = this.text(n);
    const value = unquote(raw);
    if (value === undefined) {
      const closed = raw.length >= 2 && raw[raw.length - 1] === raw[0];
      throw new PromQLError(
        closed ? `error unquoting string ${raw}: invalid syntax` : 'unterminated quoted string',
        n.from,
      );
    }
    return value;
  }

  /** A range or subquery duration (`5m`; a bare number is seconds, as in Prometheus 3), ms. */
  duration(n: SyntaxNode, what: string): number {
    const parts = children(n);
    if (parts.length !== 1 || parts[0].name !== 'NumberDurationLiteralInDurationContext') {
      throw notSupported(`duration arithmetic in ${what}`, n.from);
    }
    const raw = this.text(parts[0]);
    let ms: number | undefined;
    if (isDurationToken(raw)) ms = parseDuration(raw);
    else {
      const seconds = parseNumberLiteral(raw);
      ms = seconds === undefined || !Number.isFinite(seconds) ? undefined : Math.round(seconds * 1000);
    }
    if (ms === undefined)
      throw new PromQLError(`not a valid duration string: ${JSON.stringify(raw)}`, n.from);
    if (ms <= 0) throw new PromQLError('duration must be greater than 0', n.from);
    return ms;
  }

  /** An offset duration, possibly negative, ms. */
  offsetDuration(n: SyntaxNode): number {
    const parts = children(n);
    if (parts.length === 2 && parts[0].name === 'UnaryOp') {
      const inner = this.offsetDuration(parts[1]);
      return this.text(parts[0]) === '-' ? -inner : inner;
    }
    return this.duration(n, 'an offset');
  }

  /** The label names of `by (…)`, `on (…)`, `group_left (…)`. */
  groupingLabels(n: SyntaxNode): string[] {
    return children(n).map((c) =>
      c.name === 'QuotedLabelName' ? this.string(children(c)[0]) : this.text(c),
    );
  }

  /**
   * `name{matchers}`: the name becomes a trailing `__name__` matcher, which must not be
   * given twice; without a name some matcher must not match the empty string.
   */
  vectorSelector(n: SyntaxNode): VectorSelector {
    let name: string | null = null;
    const matchers: LabelMatcher[] = [];
    for (const c of children(n)) {
      if (c.name === 'Identifier') name = this.text(c);
      else if (c.name === 'LabelMatchers') {
        for (const m of children(c)) matchers.push(this.matcher(m));
      }
    }
    if (name !== null) {
      for (const m of matchers) {
        if (m.name === METRIC_NAME) {
          throw new PromQLError(`metric name must not be set twice: "${name}" or "${m.value}"`, n.from);
        }
      }
      matchers.push(makeMatcher(METRIC_NAME, '=', name));
    } else {
      if (!matchers.some((m) => !m.matches(''))) {
        throw new PromQLError('vector selector must contain at least one non-empty matcher', n.from);
      }
      const eq = matchers.find((m) => m.name === METRIC_NAME && m.type === '=');
      if (eq !== undefined) name = eq.value;
    }
    return { kind: 'selector', type: 'vector', pos: this.pos(n), name, matchers, offsetMs: 0, at: null };
  }

  private matcher(n: SyntaxNode): LabelMatcher {
    if (n.name === 'QuotedLabelName') return makeMatcher(METRIC_NAME, '=', this.string(children(n)[0]));
    const [nameNode, opNode, valueNode] = children(n);
    const name = n.name === 'QuotedLabelMatcher' ? this.string(children(nameNode)[0]) : this.text(nameNode);
    const type = MATCH_OPS[children(opNode)[0].name];
    const value = this.string(valueNode);
    try {
      return makeMatcher(name, type, value, this.dotMatchesNewline);
    } catch (e) {
      if (e instanceof PromQLError) throw new PromQLError(e.message, valueNode.from);
      throw e;
    }
  }
}
