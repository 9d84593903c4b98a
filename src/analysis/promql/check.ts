/**
 * Syntax check of a PromQL expression, for scenario validation.
 * PLACEHOLDER until the PromQL engine lands: accepts everything.
 */
export interface SyntaxProblem {
  readonly message: string;
  /** 0-based character offset in the expression. */
  readonly offset: number;
}

export function checkPromQL(_expr: string): SyntaxProblem | null {
  return null;
}
