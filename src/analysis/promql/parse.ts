/**
 * Parses PromQL with the Prometheus project's own grammar (`@prometheus-io/lezer-promql`)
 * and turns the lezer tree into the typed {@link Expr} tree, applying the checks
 * Prometheus 2.42's parser makes (types of arguments and operands, matcher rules,
 * modifiers) with its messages. Results are cached per expression string.
 *
 * Two places where lezer's tree differs from Prometheus's parse are corrected here:
 * `-2 ^ 2` (lezer: a signed literal to the power 2; Prometheus: −(2²)), and postfix
 * modifiers after an operator expression (`a + b offset 5m`: lezer offsets the sum,
 * Prometheus offsets `b`).
 */
import type { Aggregate, AggregateOp, AtModifier, Binary, BinaryOp, Cardinality, Expr, Pos } from './ast.js';
import { AGGREGATE_OPS, PARAM_AGGREGATES } from './ast.js';
import { notSupported, PromQLError } from './errors.js';
import { goRound } from './eval/go-math.js';
import { documentedType, functionDef, type ValueType } from './functions.js';
import { type BinarySyntax, checkBinary } from './parse-binary.js';
import { LeafReader } from './parse-leaves.js';
import { withAt, withOffset } from './parse-modifiers.js';
import { children, parseSyntax, type SyntaxNode } from './syntax.js';

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
      hit = build(expr, dot);
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

function build(expr: string, dotMatchesNewline: boolean): Expr {
  const { top, src } = parseSyntax(expr);
  const nodes = children(top);
  if (nodes.length !== 1) throw new PromQLError('no expression found in input', 0);
  return new Builder(new LeafReader(src, dotMatchesNewline)).expr(nodes[0]);
}

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

class Builder {
  /** The syntax of each binary expression built, to re-check it after re-association. */
  private readonly binarySyntax = new WeakMap<Binary, BinarySyntax>();

  constructor(private readonly leaves: LeafReader) {}

  expr(n: SyntaxNode): Expr {
    const leaves = this.leaves;
    switch (n.name) {
      case 'NumberDurationLiteral':
        return { kind: 'number', type: 'scalar', pos: leaves.pos(n), value: leaves.number(n) };
      case 'StringLiteral':
        return { kind: 'string', type: 'string', pos: leaves.pos(n), value: leaves.string(n) };
      case 'VectorSelector':
        return leaves.vectorSelector(n);
      case 'MatrixSelector':
        return this.matrixSelector(n);
      case 'SubqueryExpr':
        return this.subquery(n);
      case 'OffsetExpr': {
        const parts = children(n);
        const ms = leaves.offsetDuration(parts[2]);
        return this.postfix(this.expr(parts[0]), (e) => withOffset(e, ms, n.from, n.to));
      }
      case 'StepInvariantExpr':
        return this.at(n);
      case 'FunctionCall':
        return this.call(n);
      case 'AggregateExpr':
        return this.aggregate(n);
      case 'BinaryExpr':
        return this.binary(n);
      case 'UnaryExpr': {
        const [opNode, inner] = children(n);
        return this.unary(leaves.pos(n), leaves.text(opNode) === '-' ? '-' : '+', this.expr(inner));
      }
      case 'ParenExpr': {
        const inner = this.expr(children(n)[0]);
        return { kind: 'paren', type: inner.type, pos: leaves.pos(n), expr: inner };
      }
      case 'AnchoredExpr':
        throw notSupported('the anchored modifier', n.from);
      case 'SmoothedExpr':
        throw notSupported('the smoothed modifier', n.from);
      default:
        throw new PromQLError(`parse error: unexpected ${n.name}`, n.from);
    }
  }

  /**
   * Applies a postfix modifier (range, subquery, offset, @) the way Prometheus binds it:
   * tighter than any operator, so to the right-most operand of a binary or unary
   * expression. lezer's grammar attaches it to the whole expression; this re-associates.
   */
  private postfix(e: Expr, apply: (x: Expr) => Expr): Expr {
    if (e.kind === 'binary') {
      const syntax = this.binarySyntax.get(e);
      if (syntax !== undefined) return this.binaryOf(syntax, e.lhs, this.postfix(e.rhs, apply));
    }
    if (e.kind === 'unary') return this.unary(e.pos, e.op, this.postfix(e.expr, apply));
    return apply(e);
  }

  private matrixSelector(n: SyntaxNode): Expr {
    const [inner, range] = children(n);
    const rangeMs = this.leaves.duration(range, 'a range');
    const bracket = range.from - 1;
    return this.postfix(this.expr(inner), (sel) => {
      if (sel.kind !== 'selector') throw new PromQLError('ranges only allowed for vector selectors', bracket);
      if (sel.offsetMs !== 0) throw new PromQLError('no offset modifiers allowed before range', bracket);
      if (sel.at !== null) throw new PromQLError('no @ modifiers allowed before range', bracket);
      return {
        kind: 'matrix',
        type: 'matrix',
        pos: { start: sel.pos.start, end: n.to },
        selector: sel,
        rangeMs,
      };
    });
  }

  private subquery(n: SyntaxNode): Expr {
    const [inner, range, step] = children(n);
    const rangeMs = this.leaves.duration(range, 'a subquery range');
    const stepMs = step === undefined ? 0 : this.leaves.duration(step, 'a subquery step');
    return this.postfix(this.expr(inner), (e) => {
      if (e.type !== 'vector') {
        throw new PromQLError(
          `subquery is only allowed on instant vector, got ${documentedType(e.type)} instead`,
          e.pos.start,
        );
      }
      const pos = { start: e.pos.start, end: n.to };
      return { kind: 'subquery', type: 'matrix', pos, expr: e, rangeMs, stepMs, offsetMs: 0, at: null };
    });
  }

  private at(n: SyntaxNode): Expr {
    const parts = children(n);
    const arg = parts[2];
    let at: AtModifier;
    if (arg.name === 'AtModifierPreprocessors') {
      at = { kind: children(arg)[0].name === 'AtStart' ? 'start' : 'end' };
    } else {
      const seconds = this.leaves.number(arg);
      if (!Number.isFinite(seconds) || Math.abs(seconds) >= 2 ** 63) {
        throw new PromQLError(`timestamp out of bounds for @ modifier: ${seconds}`, n.from);
      }
      at = { kind: 'time', ms: goRound(seconds * 1000) };
    }
    return this.postfix(this.expr(parts[0]), (e) => withAt(e, at, n.from, n.to));
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
    const name = this.leaves.text(ident);
    const fn = functionDef(name);
    if (fn === undefined) throw new PromQLError(`unknown function with name "${name}"`, n.from);
    if (fn.unsupported !== null) throw notSupported(`function ${name} (${fn.unsupported})`, n.from);
    const args = children(body).map((c) => this.expr(c));
    const nargs = fn.argTypes.length;
    const count = (what: string, k: number) =>
      new PromQLError(`expected ${what}${k} argument(s) in call to "${name}", got ${args.length}`, n.from);
    if (fn.variadic === 0) {
      if (nargs !== args.length) throw count('', nargs);
    } else {
      const min = nargs - 1;
      if (min > args.length) throw count('at least ', min);
      if (fn.variadic > 0 && min + fn.variadic < args.length) throw count('at most ', min + fn.variadic);
    }
    args.forEach((a, i) => {
      if (i >= nargs && fn.variadic === 0) return;
      this.expectType(a, fn.argTypes[Math.min(i, nargs - 1)], `call to function "${name}"`);
    });
    return { kind: 'call', type: fn.returnType, pos: this.leaves.pos(n), fn, args };
  }

  private aggregate(n: SyntaxNode): Aggregate {
    let op = '';
    let grouping: string[] = [];
    let without = false;
    let args: Expr[] = [];
    for (const c of children(n)) {
      if (c.name === 'AggregateOp') op = this.leaves.text(c).toLowerCase();
      else if (c.name === 'AggregateModifier') {
        const [kind, labels] = children(c);
        without = kind.name === 'Without';
        grouping = this.leaves.groupingLabels(labels);
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
    if (param !== null) {
      this.expectType(param, op === 'count_values' ? 'string' : 'scalar', 'aggregation parameter');
    }
    const pos = this.leaves.pos(n);
    return { kind: 'aggregate', type: 'vector', pos, op: op as AggregateOp, param, expr, grouping, without };
  }

  private binary(n: SyntaxNode): Expr {
    const leaves = this.leaves;
    const parts = children(n);
    const lhsNode = parts[0];
    const opNode = parts[1];
    const rhsNode = parts[parts.length - 1];
    if (opNode.name === 'TrimUpper' || opNode.name === 'TrimLower') {
      throw notSupported(`the ${leaves.text(opNode)} operator`, opNode.from);
    }
    let returnBool = false;
    let on = false;
    let labels: string[] = [];
    let include: string[] = [];
    let card: Cardinality = 'one-to-one';
    for (const c of parts.slice(2, -1)) {
      if (c.name === 'BoolModifier') returnBool = true;
      else if (c.name === 'FillModifier') throw notSupported('fill modifiers', c.from);
      else if (c.name === 'MatchingModifierClause') {
        const cs = children(c);
        on = cs[0].name === 'On';
        labels = leaves.groupingLabels(cs[1]);
        if (cs[2] !== undefined) {
          card = cs[2].name === 'GroupLeft' ? 'many-to-one' : 'one-to-many';
          if (cs[3] !== undefined) include = leaves.groupingLabels(cs[3]);
        }
      }
    }
    const op = BINARY_OPS[opNode.name];
    const syntax: BinarySyntax = {
      op,
      returnBool,
      on,
      labels,
      include,
      card,
      from: n.from,
      to: n.to,
      opFrom: opNode.from,
    };
    // lezer reads `-2 ^ 2` as (−2)²; Prometheus binds ^ tighter than unary minus: −(2²).
    const lhsText = leaves.text(lhsNode);
    if (op === '^' && lhsNode.name === 'NumberDurationLiteral' && /^[+-]/.test(lhsText)) {
      const pos = { start: lhsNode.from + 1, end: lhsNode.to };
      const base: Expr = { kind: 'number', type: 'scalar', pos, value: Math.abs(leaves.number(lhsNode)) };
      const sign = lhsText[0] === '-' ? '-' : '+';
      return this.unary(leaves.pos(n), sign, this.binaryOf(syntax, base, this.expr(rhsNode)));
    }
    return this.binaryOf(syntax, this.expr(lhsNode), this.expr(rhsNode));
  }

  private binaryOf(syntax: BinarySyntax, lhs: Expr, rhs: Expr): Binary {
    const e = checkBinary(syntax, lhs, rhs);
    this.binarySyntax.set(e, syntax);
    return e;
  }

  private unary(pos: Pos, op: '-' | '+', e: Expr): Expr {
    if (e.type !== 'scalar' && e.type !== 'vector') {
      throw new PromQLError(
        `unary expression only allowed on expressions of type scalar or instant vector, got "${documentedType(e.type)}"`,
        pos.start,
      );
    }
    return { kind: 'unary', type: e.type, pos, op, expr: e };
  }
}
