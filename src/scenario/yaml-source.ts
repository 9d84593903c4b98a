/**
 * A YAML (or JSON) input file with its node positions, so every problem found in the parsed
 * data can be reported at `file:line:col`.
 */
import {
  type Document,
  isAlias,
  isMap,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  parseDocument,
} from 'yaml';
import type { ScenarioError } from './errors.js';
import { type Path, type Problem, problemText } from './problem.js';
import { scalarSourceOffset } from './scalar-offset.js';

export interface YamlSource {
  /** The file as the user named it. */
  readonly file: string;
  readonly text: string;
  readonly doc: Document.Parsed;
  readonly lineCounter: LineCounter;
}

/** Friendlier words for the YAML parser's most common complaints. */
const SYNTAX_HINTS: Readonly<Record<string, string>> = {
  TAB_AS_INDENT: 'tabs are not allowed as indentation in YAML; indent with spaces',
  DUPLICATE_KEY: 'this key appears twice in the same mapping; keep one',
  MULTIPLE_DOCS:
    'a file holds one YAML document; remove the second `---` and what follows, or split the file',
};

/**
 * Parse `text` into a document with positions. Syntax errors (which make the data
 * unreliable) are returned with their positions; the caller stops if there are any.
 */
export function parseYamlSource(file: string, text: string): { source: YamlSource; errors: ScenarioError[] } {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true });
  const source: YamlSource = { file, text, doc, lineCounter };
  const errors: ScenarioError[] = [];
  for (const error of doc.errors) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    // One mistake often trips several rules on its line; the first says it best.
    if (errors.some((e) => e.line === line)) continue;
    const hint = SYNTAX_HINTS[error.code];
    const message = hint ?? error.message.charAt(0).toLowerCase() + error.message.slice(1);
    errors.push({ file, line, col, message: `YAML syntax: ${message}` });
  }
  return { source, errors };
}

/** The plain data of the document (aliases resolved, merge keys applied); null when empty. */
export function sourceData(source: YamlSource): unknown {
  return source.doc.toJS({ maxAliasCount: 1000 }) ?? null;
}

/** A ScenarioError for a problem, at the node its path leads to (or the deepest that exists). */
export function locate(source: YamlSource, problem: Problem): ScenarioError {
  const offset = problemOffset(source, problem);
  const { line, col } = source.lineCounter.linePos(offset);
  return { file: source.file, line, col, message: problemText(problem) };
}

function problemOffset(source: YamlSource, problem: Problem): number {
  const found = walk(source, problem.path);
  if (found.complete && problem.at === 'key' && found.key) return found.key.range![0];
  const node = found.node;
  if (!node?.range) return found.key?.range?.[0] ?? 0;
  if (found.complete && problem.offset !== undefined && isScalar(node)) {
    const inside = scalarSourceOffset(source.text, node, problem.offset);
    if (inside !== undefined) return inside;
  }
  // `key:` with nothing after it: the value has no text, so point at the key.
  if (found.key?.range && node.range[0] === node.range[1]) return found.key.range[0];
  return node.range[0];
}

interface Found {
  /** The node at the path, or the deepest ancestor that exists. */
  readonly node: Node | null;
  /** The key node of the last mapping entry walked through. */
  readonly key: Node | null;
  /** Whether the whole path was found. */
  readonly complete: boolean;
}

function walk(source: YamlSource, path: Path): Found {
  let node = resolve(source, source.doc.contents as Node | null);
  let key: Node | null = null;
  for (const part of path) {
    if (isMap(node)) {
      const pair = node.items.find(
        (item) => isPair(item) && isScalar(item.key) && String(item.key.value) === String(part),
      );
      if (!pair) return { node, key, complete: false };
      key = pair.key as Node;
      // `key:` without a value: the pair has no value node; stay on the key.
      if (pair.value === null) return { node: key, key, complete: true };
      node = resolve(source, pair.value as Node);
    } else if (isSeq(node) && typeof part === 'number' && part < node.items.length) {
      key = null;
      node = resolve(source, node.items[part] as Node);
    } else {
      return { node, key, complete: false };
    }
  }
  return { node, key, complete: true };
}

function resolve(source: YamlSource, node: Node | null): Node | null {
  return isAlias(node) ? ((node.resolve(source.doc) as Node | undefined) ?? node) : node;
}
