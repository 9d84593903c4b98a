/**
 * The one error a PromQL query raises: a syntax or type error found when the expression is
 * parsed (with the 0-based character offset of the problem), or an evaluation error such
 * as "many-to-many matching not allowed" (without an offset).
 */
export class PromQLError extends Error {
  /** 0-based character offset in the expression, for parse and type errors. */
  readonly offset: number | undefined;

  constructor(message: string, offset?: number) {
    super(message);
    this.name = 'PromQLError';
    this.offset = offset;
  }
}

/** The error for a feature of PromQL the lab does not implement. */
export function notSupported(what: string, offset?: number): PromQLError {
  return new PromQLError(`${what} is not supported by the lab`, offset);
}
