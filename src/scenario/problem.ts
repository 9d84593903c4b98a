/**
 * A mistake found while validating, before it is given a line and column: a path into the
 * parsed document and a message. The YAML source turns it into a ScenarioError.
 */

/** Keys and indices from the document root, as zod reports them. */
export type Path = readonly (string | number)[];

export interface Problem {
  readonly path: Path;
  /** What is wrong and what would be valid; the path is put in front when it is printed. */
  readonly message: string;
  /** Printed instead of the path, when the path alone would mislead (a preset's insides). */
  readonly label?: string;
  /** Point at the key of the last path element (unknown or surplus keys) instead of its value. */
  readonly at?: 'key' | 'value';
  /** 0-based offset inside a string value, for syntax errors in queries and conditions. */
  readonly offset?: number;
}

/** `spec.strategies[2].canary.steps[0]`: a path as users read it. */
export function formatPath(path: Path): string {
  let out = '';
  for (const part of path) {
    if (typeof part === 'number') out += `[${part}]`;
    else if (/^[A-Za-z_$][\w$-]*$/.test(part)) out += out === '' ? part : `.${part}`;
    else out += `[${JSON.stringify(part)}]`;
  }
  return out;
}

/** A problem at `path`. */
export function problem(path: Path, message: string, extra: Omit<Problem, 'path' | 'message'> = {}): Problem {
  return { path, message, ...extra };
}

/**
 * The message as printed: after the path it is about (nothing for the root). A problem at a
 * key is about the mapping that holds the key, so it names that mapping.
 */
export function problemText(p: Problem): string {
  const where = p.label ?? formatPath(p.at === 'key' ? p.path.slice(0, -1) : p.path);
  return where === '' ? p.message : `${where}: ${p.message}`;
}

/** Quote a user's value for a message: strings in double quotes, the rest as YAML would show it. */
export function quote(value: unknown): string {
  return typeof value === 'string' ? JSON.stringify(value) : String(value);
}

/** "a, b or c". */
export function orList(items: readonly string[]): string {
  if (items.length <= 1) return items.join('');
  return `${items.slice(0, -1).join(', ')} or ${items[items.length - 1]}`;
}
