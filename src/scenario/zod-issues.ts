/**
 * zod's issues in words a user can act on: what is wrong at which path, and what would be
 * valid there. No "Invalid input" reaches the user.
 */
import type { z } from 'zod';
import { closestMatch, didYouMean } from './did-you-mean.js';
import { orList, type Path, type Problem, problem, quote } from './problem.js';
import { descriptionAt, discriminatorValuesAt, keysAt, valueAt } from './schema-walk.js';

type Issue = z.core.$ZodIssue;
type Schema = z.core.$ZodType;

interface Context {
  readonly root: Schema;
  readonly data: unknown;
}

/** A problem plus what is needed to drop a "missing key" that an unknown key's typo explains. */
interface Tagged extends Problem {
  readonly missingKey?: string;
  readonly suggestion?: string;
}

/**
 * Problems for the issues of `root.safeParse(data, { reportInput: true })`. Unknown keys
 * point at the key itself, missing keys at the mapping that lacks them; a missing key whose
 * name an unknown sibling key misspells is not reported twice.
 */
export function zodProblems(
  root: Schema,
  data: unknown,
  issues: readonly Issue[],
  base: Path = [],
): Problem[] {
  const context: Context = { root, data };
  const tagged = issues.flatMap((issue) => translate(context, issue, base));
  const explained = new Set(
    tagged
      .filter((p) => p.suggestion !== undefined)
      .map((p) => `${JSON.stringify(p.path.slice(0, -1))}#${p.suggestion}`),
  );
  return tagged
    .filter((p) => p.missingKey === undefined || !explained.has(`${JSON.stringify(p.path)}#${p.missingKey}`))
    .map(({ missingKey: _missing, suggestion: _suggestion, ...rest }) => rest);
}

function translate(context: Context, issue: Issue, base: Path): Tagged[] {
  // Symbols never appear in paths of parsed YAML.
  const path: Path = [...base, ...issue.path.map((part) => (typeof part === 'number' ? part : String(part)))];
  const input = (issue as { input?: unknown }).input;
  switch (issue.code) {
    case 'unrecognized_keys':
      return issue.keys.map((key) => unknownKey(context, path, key));
    case 'invalid_type':
      if (input === undefined) return [missingKey(context, path, expectedName(issue.expected))];
      return [problem(path, `expected ${expectedName(issue.expected)}, got ${describeValue(input)}`)];
    case 'invalid_value':
      return [invalidValue(path, issue.values, input)];
    case 'invalid_union':
      return invalidUnion(context, issue, path, input);
    case 'invalid_format':
      return [
        problem(
          path,
          `expected ${customOr(issue.message, `a string matching ${formatName(issue)}`)}, got ${describeValue(input)}`,
        ),
      ];
    case 'too_small':
      return [problem(path, tooSmall(issue, input))];
    case 'too_big':
      return [problem(path, tooBig(issue, input))];
    case 'not_multiple_of':
      return [problem(path, `must be a multiple of ${issue.divisor}, got ${describeValue(input)}`)];
    case 'invalid_key':
    case 'invalid_element':
      return issue.issues.flatMap((inner) => translate(context, inner, path));
    default:
      return [problem(path, customOr(issue.message, 'is not valid here'))];
  }
}

function unknownKey(context: Context, parent: Path, key: string): Tagged {
  const valid = keysAt(context.root, parent, context.data);
  const suggestion = closestMatch(key, valid);
  const hint = suggestion !== undefined ? didYouMean(key, valid) : belongsInside(context, parent, key);
  const listed = valid.length > 0 ? `; valid keys here: ${valid.join(', ')}` : '';
  return {
    ...problem([...parent, key], `unknown key ${quote(key)}${hint}${listed}`, { at: 'key' }),
    suggestion,
  };
}

/** ` (it belongs inside "canary": indent it under canary)` when a sibling mapping takes this key. */
function belongsInside(context: Context, parent: Path, key: string): string {
  const here = valueAt(context.data, parent);
  if (!here || typeof here !== 'object' || Array.isArray(here)) return '';
  for (const [sibling, value] of Object.entries(here)) {
    if (sibling === key || !value || typeof value !== 'object' || Array.isArray(value)) continue;
    if (keysAt(context.root, [...parent, sibling], context.data).includes(key)) {
      return ` (it belongs inside ${quote(sibling)}: indent it under ${sibling})`;
    }
  }
  return '';
}

function missingKey(context: Context, path: Path, expected: string): Tagged {
  const key = String(path[path.length - 1]);
  const description = descriptionAt(context.root, path, context.data);
  const about = description ? `: ${description.replace(/\.$/, '')}` : '';
  return {
    ...problem(path.slice(0, -1), `missing required key ${quote(key)} (${expected})${about}`),
    missingKey: key,
  };
}

function invalidValue(path: Path, values: readonly unknown[], input: unknown): Problem {
  if (values.length === 1) return problem(path, `expected ${quote(values[0])}, got ${describeValue(input)}`);
  const hint = typeof input === 'string' ? didYouMean(input, values.map(String)) : '';
  return problem(path, `expected one of ${values.map(quote).join(', ')}, got ${describeValue(input)}${hint}`);
}

function invalidUnion(
  context: Context,
  issue: Issue & { code: 'invalid_union' },
  path: Path,
  input: unknown,
): Tagged[] {
  // A discriminated union whose discriminator is unknown or missing: zod's path ends at it.
  if ('discriminator' in issue && typeof issue.discriminator === 'string') {
    const union = discriminatorValuesAt(context.root, path.slice(0, -1));
    const options = union?.values ?? ((issue as { options?: unknown[] }).options ?? []).map(String);
    const value =
      input && typeof input === 'object'
        ? (input as Record<string, unknown>)[issue.discriminator]
        : undefined;
    const listed = options.map(quote).join(', ');
    if (value === undefined) return [missingKey(context, path, `one of ${listed}`)];
    const hint = typeof value === 'string' ? didYouMean(value, options) : '';
    return [
      problem(path, `unknown ${issue.discriminator} ${describeValue(value)}${hint}; valid values: ${listed}`),
    ];
  }
  if (input === undefined) return [missingKey(context, path, customOr(issue.message, 'a value'))];
  // Follow the one option whose type fits (the string or the mapping form): its issues are the real ones.
  const fitting = issue.errors.filter(
    (branch) => !branch.some((inner) => inner.code === 'invalid_type' && inner.path.length === 0),
  );
  if (fitting.length === 1) return fitting[0].flatMap((inner) => translate(context, inner, path));
  const expected = issue.errors
    .flatMap((branch) => branch.filter((inner) => inner.code === 'invalid_type' && inner.path.length === 0))
    .map((inner) => expectedName((inner as { expected: string }).expected));
  return [
    problem(path, `expected ${customOr(issue.message, orList(expected))}, got ${describeValue(input)}`),
  ];
}

function tooSmall(issue: Issue & { code: 'too_small' }, input: unknown): string {
  const n = Number(issue.minimum);
  if (issue.origin === 'array' || issue.origin === 'set') {
    return `needs at least ${n} ${n === 1 ? 'item' : 'items'}, got ${Array.isArray(input) ? input.length : 0}`;
  }
  if (issue.origin === 'string') return n === 1 ? 'must not be empty' : `needs at least ${n} characters`;
  return `must be ${issue.inclusive ? 'at least' : 'greater than'} ${n}, got ${describeValue(input)}`;
}

function tooBig(issue: Issue & { code: 'too_big' }, input: unknown): string {
  const n = Number(issue.maximum);
  if (issue.origin === 'array' || issue.origin === 'set') return `has at most ${n} items`;
  if (issue.origin === 'string') return `must be at most ${n} characters long`;
  return `must be ${issue.inclusive ? 'at most' : 'less than'} ${n}, got ${describeValue(input)}`;
}

/** zod's own messages start with "Invalid"; the schema's custom ones say what is expected. */
function customOr(message: string, fallback: string): string {
  return message === '' || /^(Invalid|Too (small|big)|Unrecognized)/.test(message) ? fallback : message;
}

function formatName(issue: Issue & { code: 'invalid_format' }): string {
  return 'pattern' in issue && issue.pattern ? String(issue.pattern) : issue.format;
}

const EXPECTED_NAMES: Readonly<Record<string, string>> = {
  object: 'a mapping',
  array: 'a list',
  int: 'an integer',
  number: 'a number',
  string: 'a string',
  boolean: 'true or false',
  null: 'nothing',
};

function expectedName(expected: string): string {
  return EXPECTED_NAMES[expected] ?? `a ${expected}`;
}

/** A user's value in a message: `"5 minutes"`, `12`, `a mapping`, `an empty value`. */
export function describeValue(value: unknown): string {
  if (value === undefined || value === null) return 'an empty value';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return 'a list';
  if (typeof value === 'object') return 'a mapping';
  return String(value);
}
