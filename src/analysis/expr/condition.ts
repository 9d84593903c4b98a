/**
 * A compiled `successCondition`/`failureCondition`: the expr-lang subset Argo Rollouts
 * users write, parsed once into a closure. Like Argo (utils/evaluate/evaluate.go), each
 * evaluation type-checks the condition against the actual type of `result` first (cached
 * per type), then runs it; the output must be a bool.
 *
 * Everything that can go wrong is returned as data with a 0-based offset: a syntax error
 * from `compileCondition`, a type error or a run-time error (`result[0]` on an empty
 * vector: "index out of range: 0 (array length is 0)") from `evaluate`.
 */
import type { Node } from './ast.js';
import { check } from './checker.js';
import { type Compiled, compile } from './compile.js';
import { type ExprError, ExprFailure } from './errors.js';
import { natureName, natureOfResult } from './nature.js';
import { parse } from './parser.js';
import { goType, type Value } from './runtime.js';

export type ConditionResult =
  | { readonly ok: true; readonly value: boolean }
  | { readonly ok: false; readonly error: ExprError };

export interface Condition {
  readonly source: string;
  /**
   * Evaluate with `result` bound to a provider's value: a number (PromQL scalar, Go
   * float64), an array of numbers (PromQL vector, `[]float64`) or a plain object
   * (`map[string]interface {}`). Never throws.
   */
  evaluate(result: unknown): ConditionResult;
}

export type CompileResult =
  | { readonly ok: true; readonly condition: Condition }
  | { readonly ok: false; readonly error: ExprError };

function toError(e: unknown): ExprError {
  if (e instanceof ExprFailure) return { message: e.message, offset: e.offset };
  return { message: e instanceof Error ? e.message : String(e), offset: 0 };
}

/** Parse a condition once; syntax errors come back as `{ok: false}` with their offset. */
export function compileCondition(source: string): CompileResult {
  let tree: Node;
  try {
    tree = parse(source);
  } catch (e) {
    return { ok: false, error: toError(e) };
  }
  return { ok: true, condition: new CompiledCondition(source, tree, compile(tree)) };
}

class CompiledCondition implements Condition {
  /** Type-check outcome per Go type of `result` (null: the check passed). */
  private readonly checked = new Map<string, ExprError | null>();

  constructor(
    readonly source: string,
    private readonly tree: Node,
    private readonly run: Compiled,
  ) {}

  evaluate(result: unknown): ConditionResult {
    const nature = natureOfResult(result);
    const key = natureName(nature);
    let problem = this.checked.get(key);
    if (problem === undefined) {
      try {
        check(this.tree, nature);
        problem = null;
      } catch (e) {
        problem = toError(e);
      }
      this.checked.set(key, problem);
    }
    if (problem !== null) return { ok: false, error: problem };
    let output: Value;
    try {
      output = this.run({ result: (result ?? null) as Value, pointer: null });
    } catch (e) {
      return { ok: false, error: toError(e) };
    }
    if (typeof output !== 'boolean')
      return { ok: false, error: { message: `expected bool, but got ${goType(output)}`, offset: 0 } };
    return { ok: true, value: output };
  }
}
