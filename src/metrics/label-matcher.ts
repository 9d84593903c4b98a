/**
 * A label matcher as the store sees it: a name, an operator and a predicate on the label's
 * value. A missing label has the value "" (so `{a=""}` matches series without `a`). The
 * PromQL engine builds these (with fully anchored regexes); the store only calls `matches`.
 */
export type MatchType = '=' | '!=' | '=~' | '!~';

export interface LabelMatcher {
  readonly name: string;
  readonly type: MatchType;
  /** The literal value or the regex source, as written. */
  readonly value: string;
  matches(value: string): boolean;
}

/** A stable key for a list of matchers (order-insensitive), used to share selections. */
export function matchersKey(matchers: readonly LabelMatcher[]): string {
  return matchers
    .map((m) => `${m.name.length}:${m.name}${m.type}${m.value.length}:${m.value}`)
    .sort()
    .join('');
}

/** An equality (`=`) or inequality (`!=`) matcher. */
export function literalMatcher(name: string, type: '=' | '!=', value: string): LabelMatcher {
  return type === '='
    ? { name, type, value, matches: (v) => v === value }
    : { name, type, value, matches: (v) => v !== value };
}
