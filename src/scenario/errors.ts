/**
 * Errors in scenario files: where (file, line, column) and what, ready to print as
 * `file:line:col: message`, the format editors and terminals turn into links.
 */

/** One mistake in an input file. */
export interface ScenarioError {
  /** The file as the user named it (relative paths stay relative). */
  readonly file: string;
  /** 1-based; 0 when the mistake has no position (e.g. the file cannot be read). */
  readonly line: number;
  /** 1-based; 0 when the mistake has no position. */
  readonly col: number;
  readonly message: string;
}

/** `file:line:col: message`, or `file: message` without a position. */
export function formatScenarioError(error: ScenarioError): string {
  return error.line > 0
    ? `${error.file}:${error.line}:${error.col}: ${error.message}`
    : `${error.file}: ${error.message}`;
}

/** One line per error, each ending in a newline. */
export function formatScenarioErrors(errors: readonly ScenarioError[]): string {
  return errors.map((error) => `${formatScenarioError(error)}\n`).join('');
}

/**
 * Errors in file order (by file as first seen, then line, then column), without
 * duplicates: a template used by several strategies reports its mistakes once.
 */
export function sortScenarioErrors(errors: readonly ScenarioError[]): ScenarioError[] {
  const fileOrder = new Map<string, number>();
  for (const error of errors) if (!fileOrder.has(error.file)) fileOrder.set(error.file, fileOrder.size);
  const seen = new Set<string>();
  const unique = errors.filter((error) => {
    const key = formatScenarioError(error);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
  return unique.sort(
    (a, b) =>
      fileOrder.get(a.file)! - fileOrder.get(b.file)! ||
      a.line - b.line ||
      a.col - b.col ||
      (a.message < b.message ? -1 : a.message > b.message ? 1 : 0),
  );
}

/** Thrown by the loaders when any input is invalid; carries every error found. */
export class ScenarioValidationError extends Error {
  readonly errors: readonly ScenarioError[];

  constructor(errors: readonly ScenarioError[]) {
    super(`invalid scenario input:\n${formatScenarioErrors(errors)}`);
    this.name = 'ScenarioValidationError';
    this.errors = errors;
  }
}
