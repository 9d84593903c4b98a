/**
 * The lezer side of parsing: running the Prometheus grammar, walking its tree, and
 * turning the first error node into a message with an offset.
 */
import { parser } from '@prometheus-io/lezer-promql';
import { AGGREGATE_OPS } from './ast.js';
import { notSupported, PromQLError } from './errors.js';
import { functionDef } from './functions.js';

export type SyntaxNode = ReturnType<typeof parser.parse>['topNode'];

/** The named children of a node (comments left out). */
export function children(node: SyntaxNode): SyntaxNode[] {
  const out: SyntaxNode[] = [];
  for (let c = node.firstChild; c !== null; c = c.nextSibling) {
    if (c.name !== 'LineComment') out.push(c);
  }
  return out;
}

/** Offset of the first node lezer marked as an error, or -1. */
function firstError(top: SyntaxNode): number {
  let first = -1;
  top.cursor().iterate((n) => {
    if (n.type.isError && (first < 0 || n.from < first)) first = n.from;
  });
  return first;
}

/**
 * Parses `src` with the Prometheus grammar. Returns the tree's top node and the source it
 * was read from (see below), or throws a PromQLError at the first syntax error.
 *
 * Go reads `2.` as a number; lezer's number token needs a digit after the point. Where
 * lezer stops at such a point, the point is blanked out (same length, so offsets stay).
 */
export function parseSyntax(input: string): { top: SyntaxNode; src: string } {
  let src = input;
  let tree = parser.parse(src);
  for (;;) {
    const at = firstError(tree.topNode);
    if (at < 0 || src[at] !== '.' || /\d/.test(src[at + 1] ?? '')) break;
    if (!/(?:^|[^\w:.])\d+$/.test(src.slice(0, at))) break;
    src = `${src.slice(0, at)} ${src.slice(at + 1)}`;
    tree = parser.parse(src);
  }
  reportSyntaxError(src, tree.topNode);
  return { top: tree.topNode, src };
}

/** Throws a PromQLError for the first error node, in Prometheus's words where possible. */
function reportSyntaxError(src: string, top: SyntaxNode): void {
  const first = firstError(top);
  if (first < 0) return;
  // lezer lets a string run to the end of the input; name that before what follows.
  top.cursor().iterate((n) => {
    if (n.name !== 'StringLiteral' || n.from > first) return;
    const raw = src.slice(n.from, n.to);
    if (raw.length < 2 || raw[raw.length - 1] !== raw[0]) {
      throw new PromQLError('unterminated quoted string', n.from);
    }
  });
  const before = /([A-Za-z_:][\w:]*)\s*$/.exec(src.slice(0, first));
  const after = src.slice(first).trimStart();
  if (before !== null && after.startsWith('(')) {
    const name = before[1];
    const fn = functionDef(name);
    if (fn === undefined && !AGGREGATE_OPS.has(name.toLowerCase())) {
      throw new PromQLError(`unknown function with name "${name}"`, before.index);
    }
    if (fn?.unsupported != null) throw notSupported(`function ${name} (${fn.unsupported})`, before.index);
  }
  if (src.replace(/#.*$/gm, '').trim() === '') throw new PromQLError('no expression found in input', 0);
  if (after === '') throw new PromQLError('parse error: unexpected end of input', first);
  const token = /^(?:[A-Za-z_:][\w:]*|\d[\w.]*|"[^"]*"?|'[^']*'?|.)/.exec(after)![0];
  throw new PromQLError(`parse error: unexpected ${JSON.stringify(token)}`, src.length - after.length);
}
