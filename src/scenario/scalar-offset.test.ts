import { describe, expect, it } from 'vitest';
import { isMap, isScalar, parseDocument, type Scalar } from 'yaml';
import { scalarSourceOffset } from './scalar-offset.js';

/** The scalar value of key `v` in a one-key document. */
function scalar(text: string): Scalar {
  const doc = parseDocument(text);
  const contents = doc.contents;
  if (!isMap(contents) || !isScalar(contents.items[0].value)) throw new Error('unexpected');
  return contents.items[0].value;
}

/** The source character the value character at `offset` maps to. */
function at(text: string, offset: number): string | undefined {
  const found = scalarSourceOffset(text, scalar(text), offset);
  return found === undefined ? undefined : text.slice(found, found + 1);
}

describe('scalarSourceOffset', () => {
  it('maps plain, quoted and literal scalars character by character', () => {
    expect(at('v: abc@d\n', 3)).toBe('@');
    expect(at('v: "a\\tb@"\n', 3)).toBe('@');
    expect(at('v: "\\u00e9@"\n', 1)).toBe('@');
    expect(at("v: 'it''s@'\n", 4)).toBe('@');
    expect(at('v: |\n  one\n    tw@\n', 8)).toBe('@');
  });

  it('maps the end of the value just past its last character', () => {
    const text = 'v: "abc"\n';
    expect(scalarSourceOffset(text, scalar(text), 3)).toBe(7);
  });

  it('gives up on folded scalars and on quoted scalars across lines', () => {
    expect(at('v: >\n  one\n  tw@\n', 6)).toBeUndefined();
    expect(at('v: "one\n  tw@"\n', 6)).toBeUndefined();
    expect(at('v: 12\n', 0)).toBeUndefined();
  });
});
