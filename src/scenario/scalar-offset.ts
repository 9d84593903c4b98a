/**
 * Where a character of a YAML string value sits in the source text, so a syntax error at
 * offset 12 of a PromQL query points at its column, not at the start of the value.
 */
import type { Scalar } from 'yaml';

/**
 * The source offset of the character at `offset` in the value of `node`, or undefined
 * when it cannot be told: folded block scalars and quoted or plain scalars that span lines
 * (their line breaks are folded). An offset at the end of the value maps just past its last
 * character. Plain, single- and double-quoted scalars on one line and literal blocks (`|`)
 * are mapped exactly.
 */
export function scalarSourceOffset(text: string, node: Scalar, offset: number): number | undefined {
  if (typeof node.value !== 'string' || !node.range || offset < 0 || offset > node.value.length)
    return undefined;
  const [start, end] = node.range;
  const source = text.slice(start, end);
  switch (node.type) {
    case 'PLAIN':
      return !source.includes('\n') && source === node.value ? start + offset : undefined;
    case 'QUOTE_SINGLE':
    case 'QUOTE_DOUBLE': {
      if (source.includes('\n')) return undefined;
      const map = node.type === 'QUOTE_SINGLE' ? singleQuotedMap(source) : doubleQuotedMap(source);
      return map.length === node.value.length + 1 ? start + map[offset] : undefined;
    }
    case 'BLOCK_LITERAL':
      return literalBlockOffset(source, node.value, offset, start);
    default:
      return undefined;
  }
}

/** For each value character (and one past the end), its offset in `'…'` source. */
function singleQuotedMap(source: string): number[] {
  const map: number[] = [];
  let i = 1;
  while (i < source.length - 1) {
    map.push(i);
    i += source[i] === "'" && source[i + 1] === "'" ? 2 : 1;
  }
  map.push(i);
  return map;
}

const ESCAPE_LENGTH: Readonly<Record<string, number>> = { x: 4, u: 6, U: 10 };

/** For each value character (and one past the end), its offset in `"…"` source. */
function doubleQuotedMap(source: string): number[] {
  const map: number[] = [];
  let i = 1;
  while (i < source.length - 1) {
    if (source[i] === '\\') {
      const length = ESCAPE_LENGTH[source[i + 1]] ?? 2;
      // \U beyond the BMP gives two UTF-16 units; both point at the escape.
      if (source[i + 1] === 'U' && Number.parseInt(source.slice(i + 2, i + 10), 16) > 0xffff) map.push(i);
      map.push(i);
      i += length;
    } else {
      map.push(i);
      i += 1;
    }
  }
  map.push(i);
  return map;
}

/**
 * A literal block keeps each content line verbatim after its indentation, so value line n
 * is the (n+1)th source line after the header, with the indentation in front.
 */
function literalBlockOffset(
  source: string,
  value: string,
  offset: number,
  start: number,
): number | undefined {
  const before = value.slice(0, offset);
  const lineIndex = before.split('\n').length - 1;
  const column = offset - (before.lastIndexOf('\n') + 1);
  const valueLine = value.split('\n')[lineIndex];
  const sourceLines = source.split('\n');
  const sourceLine = sourceLines[lineIndex + 1];
  if (sourceLine === undefined || !sourceLine.endsWith(valueLine)) return undefined;
  let lineStart = start;
  for (let i = 0; i <= lineIndex; i++) lineStart += sourceLines[i].length + 1;
  return lineStart + (sourceLine.length - valueLine.length) + column;
}
