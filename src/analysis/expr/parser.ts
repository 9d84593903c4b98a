/**
 * A precedence-climbing (Pratt) parser for the condition language, shaped like
 * expr-lang's own parser so that the same text parses the same way:
 * - binary precedence: `or ||` 10 < `and &&` 15 < `== != < > <= >= in` 20 < `+ -` 30 <
 *   `* / %` 60 < `** ^` 100 (right-associative);
 * - unary `! not` parse their operand at 50 (`!a == b` is `(!a) == b`) and `- +` at 90
 *   (`-2 ** 2` is `-(2 ** 2)`);
 * - comparisons chain: `a < b < c` is `a < b && b < c`;
 * - the ternary `c ? a : b` (and `c ?: b`) binds loosest; `not in` negates `in`.
 * What expr-lang has and this subset does not (`??`, `?.`, slices, ranges, pipes, `let`,
 * map literals, methods, `matches`, `contains`, `startsWith`, `endsWith`) is a parse error
 * that says so, at the construct's offset.
 */
import type { Node, PredicateName } from './ast.js';
import { fail } from './errors.js';
import { type Token, tokenize } from './lexer.js';

const BINARY: Readonly<Record<string, { readonly precedence: number; readonly right: boolean }>> = {
  or: { precedence: 10, right: false },
  '||': { precedence: 10, right: false },
  and: { precedence: 15, right: false },
  '&&': { precedence: 15, right: false },
  '==': { precedence: 20, right: false },
  '!=': { precedence: 20, right: false },
  '<': { precedence: 20, right: false },
  '>': { precedence: 20, right: false },
  '<=': { precedence: 20, right: false },
  '>=': { precedence: 20, right: false },
  in: { precedence: 20, right: false },
  '+': { precedence: 30, right: false },
  '-': { precedence: 30, right: false },
  '*': { precedence: 60, right: false },
  '/': { precedence: 60, right: false },
  '%': { precedence: 60, right: false },
  '**': { precedence: 100, right: true },
  '^': { precedence: 100, right: true },
};

const UNARY: Readonly<Record<string, number>> = { not: 50, '!': 50, '-': 90, '+': 90 };

const COMPARISONS = new Set(['<', '>', '<=', '>=']);

/** expr-lang operators outside this subset, with the name used in the error. */
const UNSUPPORTED_OPERATORS: Readonly<Record<string, string>> = {
  '??': 'the nil-coalescing operator ??',
  '?.': 'optional chaining ?.',
  '..': 'the range operator ..',
  '|': 'the pipe operator |',
  '::': 'the :: call syntax',
  let: 'let variables',
  matches: 'the matches operator',
  contains: 'the contains operator',
  startsWith: 'the startsWith operator',
  endsWith: 'the endsWith operator',
};

const PREDICATES = new Set<string>(['all', 'any', 'none', 'one']);

/** expr-lang builtins that take a predicate and are not in this subset. */
const UNSUPPORTED_PREDICATES = new Set([
  'filter',
  'map',
  'count',
  'sum',
  'find',
  'findIndex',
  'findLast',
  'findLastIndex',
  'groupBy',
  'sortBy',
  'reduce',
]);

/** Functions with a float64 parameter: expr-lang turns integer literals in their arguments into floats. */
const FLOAT_PARAMETER_FUNCTIONS = new Set(['isNaN', 'isInf']);

const MAX_INT64 = 2n ** 63n - 1n;

function describe(token: Token): string {
  if (token.kind === 'eof') return 'EOF';
  const kind = token.kind[0].toUpperCase() + token.kind.slice(1);
  return `${kind}(${JSON.stringify(token.value)})`;
}

function unsupported(what: string, offset: number): never {
  fail(`${what} is not supported in rollout-lab conditions`, offset);
}

/** Parse a condition into its syntax tree; throws an ExprFailure at the first problem. */
export function parse(source: string): Node {
  return new Parser(tokenize(source)).parseAll();
}

class Parser {
  private pos = 0;
  /** Predicate nesting: `#` and `.name` are only allowed inside one. */
  private depth = 0;

  constructor(private readonly tokens: readonly Token[]) {}

  parseAll(): Node {
    const node = this.parseExpression(0);
    if (this.current.kind !== 'eof') fail(`unexpected token ${describe(this.current)}`, this.current.offset);
    return node;
  }

  private get current(): Token {
    return this.tokens[this.pos];
  }

  private is(kind: Token['kind'], value?: string): boolean {
    return this.current.kind === kind && (value === undefined || this.current.value === value);
  }

  private next(): void {
    if (this.pos < this.tokens.length - 1) this.pos++;
  }

  private expect(kind: Token['kind'], value: string): void {
    if (!this.is(kind, value)) fail(`unexpected token ${describe(this.current)}`, this.current.offset);
    this.next();
  }

  private parseExpression(precedence: number): Node {
    if (this.is('operator', 'let')) unsupported(UNSUPPORTED_OPERATORS.let, this.current.offset);
    let left = this.parsePrimary();
    for (;;) {
      let opToken = this.current;
      if (opToken.kind !== 'operator') break;
      let negated: Token | null = null;
      if (opToken.value === 'not') {
        const saved = this.pos;
        this.next();
        if (this.current.kind === 'operator' && this.current.value in UNSUPPORTED_OPERATORS) {
          unsupported(UNSUPPORTED_OPERATORS[this.current.value], this.current.offset);
        }
        if (!this.is('operator', 'in'))
          fail(`unexpected token ${describe(this.current)}`, this.current.offset);
        if (BINARY.in.precedence < precedence) {
          this.pos = saved;
          break;
        }
        negated = this.current;
        opToken = this.current;
      }
      if (opToken.value in UNSUPPORTED_OPERATORS)
        unsupported(UNSUPPORTED_OPERATORS[opToken.value], opToken.offset);
      const op = BINARY[opToken.value];
      if (op === undefined || op.precedence < precedence) break;
      this.next();
      if (COMPARISONS.has(opToken.value)) {
        left = this.parseComparison(left, opToken, op.precedence);
        continue;
      }
      const right = this.parseExpression(op.right ? op.precedence : op.precedence + 1);
      left = { kind: 'binary', op: opToken.value, left, right, offset: opToken.offset };
      if (negated) left = { kind: 'unary', op: 'not', operand: left, offset: negated.offset };
    }
    return precedence === 0 ? this.parseConditional(left) : left;
  }

  private parseComparison(first: Node, firstToken: Token, precedence: number): Node {
    let left = first;
    let token = firstToken;
    let root: Node | null = null;
    for (;;) {
      const right = this.parseExpression(precedence + 1);
      const comparison: Node = { kind: 'binary', op: token.value, left, right, offset: token.offset };
      root =
        root === null
          ? comparison
          : { kind: 'binary', op: '&&', left: root, right: comparison, offset: token.offset };
      left = right;
      token = this.current;
      if (!(token.kind === 'operator' && COMPARISONS.has(token.value))) return root;
      this.next();
    }
  }

  private parseConditional(first: Node): Node {
    let node = first;
    while (this.is('operator', '?')) {
      const offset = this.current.offset;
      this.next();
      let then: Node;
      let otherwise: Node;
      if (this.is('operator', ':')) {
        this.next();
        then = node;
        otherwise = this.parseExpression(0);
      } else {
        then = this.parseExpression(0);
        this.expect('operator', ':');
        otherwise = this.parseExpression(0);
      }
      node = { kind: 'conditional', cond: node, then, otherwise, offset };
    }
    return node;
  }

  private parsePrimary(): Node {
    const token = this.current;
    if (token.kind === 'operator' && token.value in UNARY) {
      this.next();
      const operand = this.parseExpression(UNARY[token.value]);
      return this.parsePostfix({ kind: 'unary', op: token.value, operand, offset: token.offset });
    }
    if (token.kind === 'bracket' && token.value === '(') {
      this.next();
      const inner = this.parseExpression(0);
      this.expect('bracket', ')');
      return this.parsePostfix(inner);
    }
    if (token.kind === 'operator' && (token.value === '#' || token.value === '.')) {
      if (this.depth === 0) fail('cannot use pointer accessor outside predicate', token.offset);
      if (token.value === '#') {
        this.next();
        if (this.is('identifier')) unsupported(`the pointer #${this.current.value}`, token.offset);
      }
      // `.name` is `#.name`: the postfix parser reads the `.` that is still current.
      return this.parsePostfix({ kind: 'pointer', offset: token.offset });
    }
    if (token.kind === 'operator' && token.value in UNSUPPORTED_OPERATORS) {
      unsupported(UNSUPPORTED_OPERATORS[token.value], token.offset);
    }
    return this.parseSecondary();
  }

  private parseSecondary(): Node {
    const token = this.current;
    switch (token.kind) {
      case 'identifier': {
        this.next();
        if (token.value === 'true' || token.value === 'false') {
          return { kind: 'bool', value: token.value === 'true', offset: token.offset };
        }
        if (token.value === 'nil') return { kind: 'nil', offset: token.offset };
        if (this.is('bracket', '(')) return this.parsePostfix(this.parseCall(token));
        return this.parsePostfix({ kind: 'identifier', name: token.value, offset: token.offset });
      }
      case 'number':
        this.next();
        return this.parsePostfix(parseNumber(token));
      case 'string':
        this.next();
        return this.parsePostfix({ kind: 'string', value: token.value, offset: token.offset });
      case 'bracket':
        if (token.value === '[') return this.parsePostfix(this.parseArray());
        if (token.value === '{') unsupported('map literals', token.offset);
        break;
      default:
        break;
    }
    fail(`unexpected token ${describe(token)}`, token.offset);
  }

  private parseCall(name: Token): Node {
    if (PREDICATES.has(name.value)) return this.parsePredicateCall(name);
    if (UNSUPPORTED_PREDICATES.has(name.value)) unsupported(`the function ${name.value}`, name.offset);
    const args: Node[] = [];
    this.expect('bracket', '(');
    while (!this.is('bracket', ')')) {
      if (args.length > 0) {
        this.expect('operator', ',');
        if (this.is('bracket', ')')) break;
      }
      args.push(this.parseExpression(0));
    }
    this.expect('bracket', ')');
    const converted = FLOAT_PARAMETER_FUNCTIONS.has(name.value) ? args.map(integerLiteralsToFloat) : args;
    return { kind: 'call', name: name.value, args: converted, offset: name.offset };
  }

  private parsePredicateCall(name: Token): Node {
    this.expect('bracket', '(');
    if (this.is('bracket', ')')) fail('expected at least 2 arguments', this.current.offset);
    const collection = this.parseExpression(0);
    if (this.is('bracket', ')')) fail('expected at least 2 arguments', this.current.offset);
    this.expect('operator', ',');
    const braced = this.is('bracket', '{');
    if (braced) this.next();
    this.depth++;
    const body = this.parseExpression(0);
    this.depth--;
    if (braced) this.expect('bracket', '}');
    if (this.is('operator', ',')) this.next();
    this.expect('bracket', ')');
    return { kind: 'predicate', name: name.value as PredicateName, collection, body, offset: name.offset };
  }

  private parseArray(): Node {
    const offset = this.current.offset;
    const items: Node[] = [];
    this.expect('bracket', '[');
    while (!this.is('bracket', ']')) {
      if (items.length > 0) {
        this.expect('operator', ',');
        if (this.is('bracket', ']')) break;
      }
      items.push(this.parseExpression(0));
    }
    this.expect('bracket', ']');
    return { kind: 'array', items, offset };
  }

  private parsePostfix(first: Node): Node {
    let node = first;
    for (;;) {
      const token = this.current;
      if (token.kind === 'operator' && token.value === '?.')
        unsupported(UNSUPPORTED_OPERATORS['?.'], token.offset);
      if (token.kind === 'operator' && token.value === '.') {
        this.next();
        const name = this.current;
        const isName =
          name.kind === 'identifier' || (name.kind === 'operator' && /^[A-Za-z_$]\w*$/.test(name.value));
        if (!isName) fail('expected name', name.offset);
        this.next();
        if (this.is('bracket', '(')) unsupported(`the method call .${name.value}()`, name.offset);
        node = {
          kind: 'member',
          object: node,
          property: { kind: 'string', value: name.value, offset: name.offset },
          offset: name.offset,
        };
      } else if (token.kind === 'bracket' && token.value === '[') {
        this.next();
        if (this.is('operator', ':')) unsupported('the slice operator [:]', token.offset);
        const index = this.parseExpression(0);
        if (this.is('operator', ':')) unsupported('the slice operator [:]', token.offset);
        this.expect('bracket', ']');
        node = { kind: 'member', object: node, property: index, offset: token.offset };
      } else {
        return node;
      }
    }
  }
}

function parseNumber(token: Token): Node {
  const text = token.value.replaceAll('_', '');
  const lower = text.toLowerCase();
  const isFloat = !lower.startsWith('0x') && (lower.includes('.') || lower.includes('e'));
  if (isFloat) {
    const value = Number(text);
    if (Number.isNaN(value) || !Number.isFinite(value))
      fail(`invalid float literal: ${token.value}`, token.offset);
    return { kind: 'float', value, offset: token.offset };
  }
  let value: bigint;
  try {
    value = BigInt(text);
  } catch {
    fail(`invalid integer literal: ${token.value}`, token.offset);
  }
  if (value > MAX_INT64) fail('integer literal is too large', token.offset);
  return { kind: 'int', value, offset: token.offset };
}

/** expr-lang's checker rewrites integer literals passed to a float64 parameter (also inside unary and `+ - *`). */
function integerLiteralsToFloat(node: Node): Node {
  switch (node.kind) {
    case 'int':
      return { kind: 'float', value: Number(node.value), offset: node.offset };
    case 'unary':
      return { ...node, operand: integerLiteralsToFloat(node.operand) };
    case 'binary':
      if (node.op === '+' || node.op === '-' || node.op === '*') {
        return {
          ...node,
          left: integerLiteralsToFloat(node.left),
          right: integerLiteralsToFloat(node.right),
        };
      }
      return node;
    default:
      return node;
  }
}
