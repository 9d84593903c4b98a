/**
 * Errors of the condition language. Compilation and evaluation report them as data
 * (`ExprError`); inside the tokenizer, parser, checker and evaluator an `ExprFailure` is
 * thrown to unwind and caught at the public boundary.
 */

/** A problem in a condition: what is wrong and where (0-based character offset). */
export interface ExprError {
  readonly message: string;
  readonly offset: number;
}

/** Internal: thrown to unwind; never escapes `compileCondition` or `evaluate`. */
export class ExprFailure extends Error {
  readonly offset: number;

  constructor(message: string, offset: number) {
    // No stack: it is caught and turned into data (an empty result's `result[0]` raises
    // one at every measurement), and capturing a stack costs more than the evaluation.
    const limit = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    super(message);
    Error.stackTraceLimit = limit;
    this.offset = offset;
    this.name = 'ExprFailure';
  }
}

export function fail(message: string, offset: number): never {
  throw new ExprFailure(message, offset);
}
