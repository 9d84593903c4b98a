/**
 * Syntax check of an Argo (expr-lang) condition, for scenario validation.
 * PLACEHOLDER until the condition language lands: accepts everything.
 */
export interface SyntaxProblem {
  readonly message: string;
  /** 0-based character offset in the expression. */
  readonly offset: number;
}

export function checkCondition(_source: string): SyntaxProblem | null {
  return null;
}
