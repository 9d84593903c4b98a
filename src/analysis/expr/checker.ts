/**
 * The static type check expr-lang runs when Argo compiles a condition against the
 * environment (checker/checker.go): with `result` typed as the measurement's concrete Go
 * type, mismatches such as `result[0] == "x"` or `result.score` on a vector are errors
 * even in a branch that would not run. With `result` typed `any` (scenario validation),
 * only what is wrong whatever the result is reported.
 */
import type { Node } from './ast.js';
import { fail } from './errors.js';
import { FUNCTIONS, UNSUPPORTED_BUILTINS } from './functions.js';
import {
  ANY,
  ANY_ARRAY,
  BOOL,
  combined,
  eitherAny,
  FLOAT,
  INT,
  isAny,
  isComparable,
  isInteger,
  isNumber,
  type Nature,
  NIL,
  natureName,
  STRING,
} from './nature.js';

const isBool = (n: Nature): boolean => n.kind === 'bool';
const isString = (n: Nature): boolean => n.kind === 'string';

function sameNature(a: Nature, b: Nature): boolean {
  if (a.kind !== b.kind) return false;
  if ((a.kind === 'array' || a.kind === 'map') && (b.kind === 'array' || b.kind === 'map')) {
    return sameNature(a.elem, b.elem);
  }
  return true;
}

/** Type-check `node` with `result` of the given type; returns its type or throws an ExprFailure. */
export function check(node: Node, result: Nature): Nature {
  return new Checker(result).visit(node);
}

class Checker {
  /** Element types of the enclosing predicates' arrays, innermost last. */
  private readonly scopes: Nature[] = [];

  constructor(private readonly result: Nature) {}

  visit(node: Node): Nature {
    switch (node.kind) {
      case 'int':
        return INT;
      case 'float':
        return FLOAT;
      case 'string':
        return STRING;
      case 'bool':
        return BOOL;
      case 'nil':
        return NIL;
      case 'identifier':
        if (node.name === 'result') return this.result;
        return fail(`unknown name ${node.name}`, node.offset);
      case 'pointer': {
        const scope = this.scopes.at(-1);
        if (scope === undefined) fail('cannot use pointer accessor outside predicate', node.offset);
        return scope;
      }
      case 'unary':
        return this.unary(node.op, this.visit(node.operand), node.offset);
      case 'binary':
        return this.binary(node.op, this.visit(node.left), this.visit(node.right), node.offset);
      case 'member':
        return this.member(node.object, node.property, node.offset);
      case 'call':
        return this.call(node.name, node.args, node.offset);
      case 'predicate': {
        const collection = this.visit(node.collection);
        if (collection.kind !== 'array' && !isAny(collection)) {
          fail(
            `builtin ${node.name} takes only array (got ${natureName(collection)})`,
            node.collection.offset,
          );
        }
        this.scopes.push(collection.kind === 'array' ? collection.elem : ANY);
        const body = this.visit(node.body);
        this.scopes.pop();
        if (!isBool(body) && !isAny(body)) {
          fail(`predicate should return boolean (got ${natureName(body)})`, node.body.offset);
        }
        return BOOL;
      }
      case 'conditional': {
        const cond = this.visit(node.cond);
        if (!isBool(cond) && !isAny(cond)) {
          fail(`non-bool expression (type ${natureName(cond)}) used as condition`, node.cond.offset);
        }
        const a = this.visit(node.then);
        const b = this.visit(node.otherwise);
        if (a.kind === 'nil') return b;
        if (b.kind === 'nil') return a;
        return sameNature(a, b) ? a : ANY;
      }
      case 'array':
        for (const item of node.items) this.visit(item);
        return ANY_ARRAY;
    }
  }

  private unary(op: string, t: Nature, offset: number): Nature {
    if (op === '!' || op === 'not') {
      if (isBool(t) || isAny(t)) return BOOL;
    } else if (isNumber(t)) {
      return t;
    } else if (isAny(t)) {
      return ANY;
    }
    fail(`invalid operation: ${op} (mismatched type ${natureName(t)})`, offset);
  }

  private binary(op: string, l: Nature, r: Nature, offset: number): Nature {
    const both = (test: (n: Nature) => boolean): boolean => test(l) && test(r);
    switch (op) {
      case '==':
      case '!=':
        if (isComparable(l, r)) return BOOL;
        break;
      case 'or':
      case '||':
      case 'and':
      case '&&':
        if (both(isBool) || eitherAny(l, r, isBool)) return BOOL;
        break;
      case '<':
      case '>':
      case '<=':
      case '>=':
        if (both(isNumber) || both(isString) || eitherAny(l, r, isNumber, isString)) return BOOL;
        break;
      case '-':
      case '*':
        if (both(isNumber)) return combined(l, r);
        if (eitherAny(l, r, isNumber)) return ANY;
        break;
      case '/':
      case '**':
      case '^':
        if (both(isNumber) || eitherAny(l, r, isNumber)) return FLOAT;
        break;
      case '%':
        if (both(isInteger)) return INT;
        if (eitherAny(l, r, isInteger)) return ANY;
        break;
      case '+':
        if (both(isNumber)) return combined(l, r);
        if (both(isString)) return STRING;
        if (eitherAny(l, r, isNumber, isString)) return ANY;
        break;
      case 'in':
        return this.membership(l, r, offset);
    }
    fail(`invalid operation: ${op} (mismatched types ${natureName(l)} and ${natureName(r)})`, offset);
  }

  private membership(l: Nature, r: Nature, offset: number): Nature {
    if (r.kind === 'map') {
      if (l.kind !== 'nil' && !isString(l) && !isAny(l))
        fail(`cannot use ${natureName(l)} as type string in map key`, offset);
      return BOOL;
    }
    if (r.kind === 'array') {
      if (l.kind !== 'nil' && !isComparable(l, r.elem)) {
        fail(`cannot use ${natureName(l)} as type ${natureName(r.elem)} in array`, offset);
      }
      return BOOL;
    }
    if (isAny(l) && (isString(r) || isAny(r))) return BOOL;
    if (isAny(r)) return BOOL;
    fail(`invalid operation: in (mismatched types ${natureName(l)} and ${natureName(r)})`, offset);
  }

  private member(objectNode: Node, propertyNode: Node, offset: number): Nature {
    const base = this.visit(objectNode);
    const prop = this.visit(propertyNode);
    switch (base.kind) {
      case 'any':
        return ANY;
      case 'map':
        if (prop.kind !== 'nil' && !isString(prop) && !isAny(prop)) {
          fail(
            `cannot use ${natureName(prop)} to get an element from ${natureName(base)}`,
            propertyNode.offset,
          );
        }
        return base.elem;
      case 'array':
        if (!isInteger(prop) && !isAny(prop)) {
          fail(
            `array elements can only be selected using an integer (got ${natureName(prop)})`,
            propertyNode.offset,
          );
        }
        return base.elem;
      default:
        fail(`type ${natureName(base)}[${natureName(prop)}] is undefined`, offset);
    }
  }

  private call(name: string, args: readonly Node[], offset: number): Nature {
    const fn = FUNCTIONS[name];
    if (fn === undefined || !Object.hasOwn(FUNCTIONS, name)) {
      if (UNSUPPORTED_BUILTINS.has(name))
        fail(`the function ${name} is not supported in rollout-lab conditions`, offset);
      fail(`unknown name ${name}`, offset);
    }
    const natures = args.map((a) => this.visit(a));
    return fn.check(natures, { offset, argOffsets: args.map((a) => a.offset) });
  }
}
