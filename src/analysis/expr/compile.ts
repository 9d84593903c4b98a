/**
 * Turns a checked syntax tree into one JavaScript closure, built once per condition.
 * Semantics follow expr-lang's VM: `&&`/`||` short-circuit and need a bool on the left
 * (the right side is returned as is), `!` and `?:` need a bool, predicates stop early
 * where expr-lang's loops do (`all` at the first false, `any` at the first true).
 */
import type { Node } from './ast.js';
import { fail } from './errors.js';
import { FUNCTIONS } from './functions.js';
import {
  type Arithmetic,
  arithmetic,
  type Comparison,
  compare,
  contains,
  equal,
  fetch,
  goType,
  negate,
  requireBool,
  type Value,
} from './runtime.js';

export interface Scope {
  readonly result: Value;
  /** The current element inside a predicate (`#`). */
  readonly pointer: Value;
}

export type Compiled = (scope: Scope) => Value;

const COMPARISON_OPS = new Set(['<', '>', '<=', '>=']);
const ARITHMETIC_OPS = new Set(['+', '-', '*', '/', '%', '**']);

export function compile(node: Node): Compiled {
  switch (node.kind) {
    case 'int':
    case 'float':
    case 'string':
    case 'bool': {
      const value = node.value;
      return () => value;
    }
    case 'nil':
      return () => null;
    case 'identifier': {
      const { name, offset } = node;
      if (name !== 'result') return () => fail(`unknown name ${name}`, offset);
      return (s) => s.result;
    }
    case 'pointer':
      return (s) => s.pointer;
    case 'unary':
      return compileUnary(node.op, compile(node.operand), node.offset);
    case 'binary':
      return compileBinary(node.op, compile(node.left), compile(node.right), node.offset);
    case 'member': {
      const object = compile(node.object);
      const property = compile(node.property);
      const offset = node.offset;
      return (s) => fetch(object(s), property(s), offset);
    }
    case 'call': {
      const fn = FUNCTIONS[node.name];
      const args = node.args.map(compile);
      const site = { offset: node.offset, argOffsets: node.args.map((a) => a.offset) };
      if (fn === undefined) return () => fail(`unknown name ${node.name}`, site.offset);
      return (s) =>
        fn.run(
          args.map((a) => a(s)),
          s.result,
          site,
        );
    }
    case 'predicate':
      return compilePredicate(
        node.name,
        compile(node.collection),
        compile(node.body),
        node.collection.offset,
        node.body.offset,
      );
    case 'conditional': {
      const cond = compile(node.cond);
      const then = compile(node.then);
      const otherwise = compile(node.otherwise);
      const offset = node.cond.offset;
      return (s) => (requireBool(cond(s), offset) ? then(s) : otherwise(s));
    }
    case 'array': {
      const items = node.items.map(compile);
      return (s) => items.map((item) => item(s));
    }
  }
}

function compileUnary(op: string, operand: Compiled, offset: number): Compiled {
  switch (op) {
    case '!':
    case 'not':
      return (s) => !requireBool(operand(s), offset);
    case '-':
      return (s) => negate(operand(s), offset);
    default:
      // Unary plus compiles to nothing in expr-lang.
      return operand;
  }
}

function compileBinary(op: string, left: Compiled, right: Compiled, offset: number): Compiled {
  switch (op) {
    case '&&':
    case 'and':
      return (s) => (requireBool(left(s), offset) ? right(s) : false);
    case '||':
    case 'or':
      return (s) => (requireBool(left(s), offset) ? true : right(s));
    case '==':
      return (s) => equal(left(s), right(s));
    case '!=':
      return (s) => !equal(left(s), right(s));
    case 'in':
      return (s) => {
        const needle = left(s);
        return contains(right(s), needle, offset);
      };
    case '^':
      return (s) => arithmetic('**', left(s), right(s), offset);
    default:
      if (COMPARISON_OPS.has(op)) return (s) => compare(op as Comparison, left(s), right(s), offset);
      if (ARITHMETIC_OPS.has(op)) return (s) => arithmetic(op as Arithmetic, left(s), right(s), offset);
      return () => fail(`unknown operator (${op})`, offset);
  }
}

function compilePredicate(
  name: 'all' | 'any' | 'none' | 'one',
  collection: Compiled,
  body: Compiled,
  collectionOffset: number,
  bodyOffset: number,
): Compiled {
  return (s) => {
    const items = collection(s);
    if (!Array.isArray(items)) fail(`invalid argument for len (type ${goType(items)})`, collectionOffset);
    const test = (item: unknown): boolean =>
      requireBool(body({ result: s.result, pointer: item as Value }), bodyOffset);
    switch (name) {
      case 'all':
        return items.every(test);
      case 'any':
        return items.some(test);
      case 'none':
        return !items.some(test);
      case 'one':
        return items.map(test).filter(Boolean).length === 1;
    }
  };
}
