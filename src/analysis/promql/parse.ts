/**
 * Parses PromQL with the Prometheus project's own grammar (`@prometheus-io/lezer-promql`)
 * and turns the lezer tree into the typed {@link Expr} tree, applying the checks
 * Prometheus 2.42's parser makes (types of arguments and operands, matcher rules,
 * modifiers) with its messages. Results are cached per expression string.
 */
import { parser } from '@prometheus-io/lezer-promql';
import type { LabelMatcher, MatchType } from '../../metrics/label-matcher.js';
import { METRIC_NAME } from '../../metrics/label-set.js';
import type {
  Aggregate,
  AggregateOp,
  AtModifier,
  Binary,
  BinaryOp,
  Cardinality,
  Expr,
  MatrixSelector,
  Pos,
  Subquery,
  VectorMatching,
  VectorSelector,
} from './ast.js';
import { COMPARISON_OPS, SET_OPS } from './ast.js';
import { notSupported, PromQLError } from './errors.js';
import { documentedType, functionDef, type ValueType } from './functions.js';
import { isDurationToken, parseDuration, parseNumberLiteral, unquote } from './literals.js';
import { makeMatcher } from './matchers.js';

type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

export interface ParseOptions {
  /** Regex `.` also matches `\n` (Prometheus 3). Default false (Prometheus 2). */
  readonly dotMatchesNewline?: boolean;
}

const CACHE_LIMIT = 2000;
const cache = new Map<string, Expr | PromQLError>();

/**
 * Parses and checks a PromQL expression. Throws a PromQLError with the 0-based offset of
 * the first problem: a syntax error, a type error (e.g. an instant vector where a range
 * vector is expected), or a feature the lab does not support.
 */
export function parsePromQL(expr: string, options: ParseOptions = {}): Expr {
  const dot = options.dotMatchesNewline === true;
  const key = `${dot ? 1 : 0}${expr}`;
  let hit = cache.get(key);
  if (hit === undefined) {
    try {
      hit = new Builder(expr, dot).build();
    } catch (e) {
      if (!(e instanceof PromQLError)) throw e;
      hit = e;
    }
    if (cache.size >= CACHE_LIMIT) cache.delete(cache.keys().next().value as string);
    cache.set(key, hit);
  }
  if (hit instanceof PromQLError) throw hit;
  return hit;
}

const MATCH_OPS: Readonly<Record<string, MatchType>> = {
  EqlSingle: '=',
  Neq: '!=',
  EqlRegex: '=~',
  NeqRegex: '!~',
};

const BINARY_OPS: Readonly<Record<string, BinaryOp>> = {
  Pow: '^',
  Mul: '*',
  Div: '/',
  Mod: '%',
  Atan2: 'atan2',
  Add: '+',
  Sub: '-',
  Eql: '==',
  Neq: '!=',
  Gtr: '>',
  Lss: '<',
  Gte: '>=',
  Lte: '<=',
  And: 'and',
  Or: 'or',
  Unless: 'unless',
};

const AGGREGATE_OPS: ReadonlySet<string> = new Set([
  'sum',
  'avg',
  'min',
  'max',
  'count',
  'group',
  'stddev',
  'stdvar',
  'quantile',
  'topk',
  'bottomk',
  'count_values',
]);

const PARAM_AGGREGATES: ReadonlySet<string> = new Set(['quantile', 'topk', 'bottomk', 'count_values']);

function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c !== null; c = c.nextSibling) {
    if (c.name !== 'LineComment') out.push(c);
  }
  return out;
}

class Builder {
  constructor(
    private readonly src: string,
    private readonly dotMatchesNewline: boolean,
  ) {}

  build(): Expr {
    const tree = parser.parse(this.src);
    this.checkSyntax(tree.topNode);
    const top = children(tree.topNode);
    if (top.length !== 1) throw new PromQLError('no expression found in input', 0);
    return this.expr(top[0]);
  }

  private text(n: SyntaxNode): string {
    return this.src.slice(n.from, n.to);
  }

  private pos(n: SyntaxNode): Pos {
    return { start: n.from, end: n.to };
  }

  /** Reports the first node lezer marked as an error. */
  private checkSyntax(top: SyntaxNode): void {
    let first = -1;
    top.cursor().iterate((n) => {
      if (n.type.isError && (first < 0 || n.from < first)) first = n.from;
    });
    if (first < 0) return;
    const src = this.src;
    const before = /([A-Za-z_:][\w:]*)\s*$/.exec(src.slice(0, first));
    const after = src.slice(first).trimStart();
    if (before !== null && after.startsWith('(')) {
      const name = before[1];
      const fn = functionDef(name);
      if (fn === undefined && !AGGREGATE_OPS.has(name.toLowerCase())) {
        throw new PromQLError(`unknown function with name "${name}"`, before.index);
      }
      if (fn?.unsupported != null) throw notSupported(`function ${name} (${fn.unsupported})`, before.index);
    }
    if (src.trim() === '' || src.replace(/#.*$/gm, '').trim() === '') {
      throw new PromQLError('no expression found in input', 0);
    }
    if (after === '' || first >= src.length)
      throw new PromQLError('parse error: unexpected end of input', first);
    const token = /^(?:[A-Za-z_:][\w:]*|\d[\w.]*|"[^"]*"?|'[^']*'?|.)/.exec(after)![0];
    throw new PromQLError(`parse error: unexpected ${JSON.stringify(token)}`, src.length - after.length);
  }

  private expr(n: SyntaxNode): Expr {
    switch (n.name) {
      case 'NumberDurationLiteral':
        return { kind: 'number', type: 'scalar', pos: this.pos(n), value: this.number(n) };
      case 'StringLiteral':
        return { kind: 'string', type: 'string', pos: this.pos(n), value: this.string(n) };
      case 'VectorSelector':
        return this.vectorSelector(n);
      case 'MatrixSelector':
        return this.matrixSelector(n);
      case 'SubqueryExpr':
        return this.subquery(n);
      case 'OffsetExpr':
        return this.offset(n);
      case 'StepInvariantExpr':
        return this.at(n);
      case 'FunctionCall':
        return this.call(n);
      case 'AggregateExpr':
        return this.aggregate(n);
      case 'BinaryExpr':
        return this.binary(n);
      case 'UnaryExpr':
        return this.unary(n);
      case 'ParenExpr': {
        const inner = this.expr(children(n)[0]);
        return { kind: 'paren', type: inner.type, pos: this.pos(n), expr: inner };
      }
      case 'AnchoredExpr':
        throw notSupported('the anchored modifier', n.from);
      case 'SmoothedExpr':
        throw notSupported('the smoothed modifier', n.from);
      default:
        throw new PromQLError(`parse error: unexpected ${n.name}`, n.from);
    }
  }

  private number(n: SyntaxNode): number {
    const raw = this.text(n);
    const m = /^([+-]?)\s*(.*)$/s.exec(raw)!;
    const value = parseNumberLiteral(m[2]);
    if (value === undefined)
      throw new PromQLError(`error parsing number: invalid syntax ${JSON.stringify(raw)}`, n.from);
    return m[1] === '-' ? -value : value;
  }

  private string(n: SyntaxNode): string {
    const raw = this.text(n);
    const value = unquote(raw);
    if (value === undefined) {
      const q = raw[0];
      const closed = raw.length >= 2 && raw[raw.length - 1] === q;
      throw new PromQLError(
        closed ? `error unquoting string ${raw}: invalid syntax` : 'unterminated quoted string',
        n.from,
      );
    }
    return value;
  }

  private vectorSelector(n: SyntaxNode): VectorSelector {
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
    const parts = children(n);
    if (n.name === 'QuotedLabelName') {
      return makeMatcher(METRIC_NAME, '=', this.string(children(n)[0]));
    }
    const [nameNode, opNode, valueNode] = parts;
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

  /** A range (`[5m]`) or subquery duration, ms. */
  private duration(n: SyntaxNode, what: string): number {
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

  private offsetDuration(n: SyntaxNode): number {
    const parts = children(n);
    if (parts.length === 2 && parts[0].name === 'UnaryOp') {
      const inner = this.offsetDuration(parts[1]);
      return this.text(parts[0]) === '-' ? -inner : inner;
    }
    return this.duration(n, 'an offset');
  }

  private matrixSelector(n: SyntaxNode): MatrixSelector {
    const [inner, range] = children(n);
    const sel = this.expr(inner);
    const bracket = range.from - 1;
    if (sel.kind !== 'selector') throw new PromQLError('ranges only allowed for vector selectors', bracket);
    if (sel.offsetMs !== 0) throw new PromQLError('no offset modifiers allowed before range', bracket);
    if (sel.at !== null) throw new PromQLError('no @ modifiers allowed before range', bracket);
    return {
      kind: 'matrix',
      type: 'matrix',
      pos: this.pos(n),
      selector: sel,
      rangeMs: this.duration(range, 'a range'),
    };
  }

  private subquery(n: SyntaxNode): Subquery {
    const [inner, range, step] = children(n);
    const e = this.expr(inner);
    if (e.type !== 'vector') {
      throw new PromQLError(
        `subquery is only allowed on instant vector, got ${documentedType(e.type)} instead`,
        n.from,
      );
    }
    return {
      kind: 'subquery',
      type: 'matrix',
      pos: this.pos(n),
      expr: e,
      rangeMs: this.duration(range, 'a subquery range'),
      stepMs: step === undefined ? 0 : this.duration(step, 'a subquery step'),
      offsetMs: 0,
      at: null,
    };
  }

  private offset(n: SyntaxNode): Expr {
    const parts = children(n);
    const e = this.expr(parts[0]);
    const ms = this.offsetDuration(parts[2]);
    const pos = this.pos(n);
    const twice = () => new PromQLError('offset may not be set multiple times', n.from);
    switch (e.kind) {
      case 'selector':
        if (e.offsetMs !== 0) throw twice();
        return { ...e, pos, offsetMs: ms };
      case 'matrix':
        if (e.selector.offsetMs !== 0) throw twice();
        return { ...e, pos, selector: { ...e.selector, offsetMs: ms } };
      case 'subquery':
        if (e.offsetMs !== 0) throw twice();
        return { ...e, pos, offsetMs: ms };
      default:
        throw new PromQLError(
          'offset modifier must be preceded by an instant vector selector or range vector selector or a subquery',
          n.from,
        );
    }
  }

  private at(n: SyntaxNode): Expr {
    const parts = children(n);
    const e = this.expr(parts[0]);
    const arg = parts[2];
    let at: AtModifier;
    if (arg.name === 'AtModifierPreprocessors') {
      at = { kind: children(arg)[0].name === 'AtStart' ? 'start' : 'end' };
    } else {
      const seconds = this.number(arg);
      if (!Number.isFinite(seconds) || Math.abs(seconds) >= 9.223372036854776e18) {
        throw new PromQLError(`timestamp out of bounds for @ modifier: ${seconds}`, n.from);
      }
      at = { kind: 'time', ms: Math.round(seconds * 1000) };
    }
    const pos = this.pos(n);
    const twice = () => new PromQLError('@ <timestamp> may not be set multiple times', n.from);
    switch (e.kind) {
      case 'selector':
        if (e.at !== null) throw twice();
        return { ...e, pos, at };
      case 'matrix':
        if (e.selector.at !== null) throw twice();
        return { ...e, pos, selector: { ...e.selector, at } };
      case 'subquery':
        if (e.at !== null) throw twice();
        return { ...e, pos, at };
      default:
        throw new PromQLError(
          '@ modifier must be preceded by an instant vector selector or range vector selector or a subquery',
          n.from,
        );
    }
  }

  private expectType(e: Expr, want: ValueType, context: string): void {
    if (e.type !== want) {
      throw new PromQLError(
        `expected type ${documentedType(want)} in ${context}, got ${documentedType(e.type)}`,
        e.pos.start,
      );
    }
  }

  private call(n: SyntaxNode): Expr {
    const [ident, body] = children(n);
    const name = this.text(ident);
    const fn = functionDef(name);
    if (fn === undefined) throw new PromQLError(`unknown function with name "${name}"`, n.from);
    if (fn.unsupported !== null) throw notSupported(`function ${name} (${fn.unsupported})`, n.from);
    const args = children(body).map((c) => this.expr(c));
    const nargs = fn.argTypes.length;
    if (fn.variadic === 0) {
      if (nargs !== args.length) {
        throw new PromQLError(
          `expected ${nargs} argument(s) in call to "${name}", got ${args.length}`,
          n.from,
        );
      }
    } else {
      const min = nargs - 1;
      if (min > args.length) {
        throw new PromQLError(
          `expected at least ${min} argument(s) in call to "${name}", got ${args.length}`,
          n.from,
        );
      }
      const max = min + fn.variadic;
      if (fn.variadic > 0 && max < args.length) {
        throw new PromQLError(
          `expected at most ${max} argument(s) in call to "${name}", got ${args.length}`,
          n.from,
        );
      }
    }
    args.forEach((a, i) => {
      if (i >= nargs && fn.variadic === 0) return;
      this.expectType(a, fn.argTypes[Math.min(i, nargs - 1)], `call to function "${name}"`);
    });
    return { kind: 'call', type: fn.returnType, pos: this.pos(n), fn, args };
  }

  private aggregate(n: SyntaxNode): Aggregate {
    let op = '';
    let grouping: string[] = [];
    let without = false;
    let args: Expr[] = [];
    for (const c of children(n)) {
      if (c.name === 'AggregateOp') op = this.text(c).toLowerCase();
      else if (c.name === 'AggregateModifier') {
        const [kind, labels] = children(c);
        without = kind.name === 'Without';
        grouping = this.groupingLabels(labels);
      } else if (c.name === 'FunctionCallBody') args = children(c).map((a) => this.expr(a));
    }
    if (!AGGREGATE_OPS.has(op)) throw notSupported(`aggregation ${op}`, n.from);
    if (args.length === 0) throw new PromQLError('no arguments for aggregate expression provided', n.from);
    const want = PARAM_AGGREGATES.has(op) ? 2 : 1;
    if (args.length !== want) {
      throw new PromQLError(
        `wrong number of arguments for aggregate expression provided, expected ${want}, got ${args.length}`,
        n.from,
      );
    }
    const param = want === 2 ? args[0] : null;
    const expr = args[want - 1];
    this.expectType(expr, 'vector', 'aggregation expression');
    if (param !== null)
      this.expectType(param, op === 'count_values' ? 'string' : 'scalar', 'aggregation parameter');
    return {
      kind: 'aggregate',
      type: 'vector',
      pos: this.pos(n),
      op: op as AggregateOp,
      param,
      expr,
      grouping,
      without,
    };
  }

  private groupingLabels(n: SyntaxNode): string[] {
    return children(n).map((c) =>
      c.name === 'QuotedLabelName' ? this.string(children(c)[0]) : this.text(c),
    );
  }

  private binary(n: SyntaxNode): Expr {
    const parts = children(n);
    const lhsNode = parts[0];
    const rhsNode = parts[parts.length - 1];
    const opNode = parts[1];
    if (opNode.name === 'TrimUpper' || opNode.name === 'TrimLower') {
      throw notSupported(`the ${this.text(opNode)} operator`, opNode.from);
    }
    const op = BINARY_OPS[opNode.name];
    let returnBool = false;
    let clause: SyntaxNode | null = null;
    for (const c of parts.slice(2, -1)) {
      if (c.name === 'BoolModifier') returnBool = true;
      else if (c.name === 'MatchingModifierClause') clause = c;
      else if (c.name === 'FillModifier') throw notSupported('fill modifiers', c.from);
    }
    // lezer reads `-2 ^ 2` as (-2)^2; Prometheus binds ^ tighter than unary minus: -(2^2).
    const lhsText = this.text(lhsNode);
    if (op === '^' && lhsNode.name === 'NumberDurationLiteral' && /^[+-]/.test(lhsText)) {
      const sign = lhsText[0] as '-' | '+';
      const base: Expr = {
        kind: 'number',
        type: 'scalar',
        pos: { start: lhsNode.from + 1, end: lhsNode.to },
        value: Math.abs(this.number(lhsNode)),
      };
      const rhs = this.expr(rhsNode);
      const pow = this.checkBinary(n, op, base, rhs, returnBool, clause, opNode);
      return { kind: 'unary', type: pow.type, pos: this.pos(n), op: sign, expr: pow };
    }
    return this.checkBinary(n, op, this.expr(lhsNode), this.expr(rhsNode), returnBool, clause, opNode);
  }

  private checkBinary(
    n: SyntaxNode,
    op: BinaryOp,
    lhs: Expr,
    rhs: Expr,
    returnBool: boolean,
    clause: SyntaxNode | null,
    opNode: SyntaxNode,
  ): Binary {
    let on = false;
    let labels: string[] = [];
    let include: string[] = [];
    let card: Cardinality = 'one-to-one';
    if (clause !== null) {
      const cs = children(clause);
      on = cs[0].name === 'On';
      labels = this.groupingLabels(cs[1]);
      if (cs[2] !== undefined) {
        card = cs[2].name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
        if (cs[3] !== undefined) include = this.groupingLabels(cs[3]);
      }
    }
    const isComparison = COMPARISON_OPS.has(op);
    const isSet = SET_OPS.has(op);
    if (returnBool && !isComparison) {
      throw new PromQLError('bool modifier can only be used on comparison operators', opNode.from);
    }
    if (isComparison && !returnBool && lhs.type === 'scalar' && rhs.type === 'scalar') {
      throw new PromQLError('comparisons between scalars must use BOOL modifier', opNode.from);
    }
    if (isSet && card === 'one-to-one') card = 'many-to-many';
    if (on) {
      for (const l of labels) {
        if (include.includes(l))
          throw new PromQLError(`label "${l}" must not occur in ON and GROUP clause at once`, opNode.from);
      }
    }
    for (const side of [lhs, rhs]) {
      if (side.type !== 'scalar' && side.type !== 'vector') {
        throw new PromQLError(
          'binary expression must contain only scalar and instant vector types',
          side.pos.start,
        );
      }
    }
    let matching: VectorMatching | null = null;
    if (lhs.type === 'vector' && rhs.type === 'vector') {
      if (isSet && (card === 'one-to-many' || card === 'many-to-one')) {
        throw new PromQLError(`no grouping allowed for "${op}" operation`, n.from);
      }
      matching = { card, on, labels, include };
    } else {
      if (labels.length > 0)
        throw new PromQLError('vector matching only allowed between instant vectors', n.from);
      if (isSet)
        throw new PromQLError(`set operator "${op}" not allowed in binary scalar expression`, n.from);
    }
    const type = lhs.type === 'scalar' && rhs.type === 'scalar' ? 'scalar' : 'vector';
    return { kind: 'binary', type, pos: this.pos(n), op, lhs, rhs, returnBool, matching };
  }

  private unary(n: SyntaxNode): Expr {
    const [opNode, inner] = children(n);
    const e = this.expr(inner);
    if (e.type !== 'scalar' && e.type !== 'vector') {
      throw new PromQLError(
        `unary expression only allowed on expressions of type scalar or instant vector, got "${documentedType(e.type)}"`,
        n.from,
      );
    }
    return {
      kind: 'unary',
      type: e.type,
      pos: this.pos(n),
      op: this.text(opNode) === '-' ? '-' : '+',
      expr: e,
    };
  }
}
