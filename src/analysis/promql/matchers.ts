/**
 * Label matchers of a vector selector (`=`, `!=`, `=~`, `!~`), as the store consumes them.
 * Regexes are RE2, fully anchored as Prometheus anchors them, and remember their answer
 * per label value (label values repeat endlessly: status codes, versions, pods).
 */
import type { LabelMatcher, MatchType } from '../../metrics/label-matcher.js';
import { literalMatcher } from '../../metrics/label-matcher.js';
import { compileAnchoredRegex } from './regex.js';

const CACHE_LIMIT = 4096;

class RegexMatcher implements LabelMatcher {
  readonly name: string;
  readonly type: '=~' | '!~';
  readonly value: string;
  private readonly re: RegExp;
  private readonly cache = new Map<string, boolean>();

  constructor(name: string, type: '=~' | '!~', value: string, dotMatchesNewline: boolean) {
    this.name = name;
    this.type = type;
    this.value = value;
    this.re = compileAnchoredRegex(value, dotMatchesNewline);
  }

  matches(v: string): boolean {
    let hit = this.cache.get(v);
    if (hit === undefined) {
      hit = this.re.test(v) === (this.type === '=~');
      if (this.cache.size >= CACHE_LIMIT) this.cache.clear();
      this.cache.set(v, hit);
    }
    return hit;
  }
}

/**
 * Builds a matcher. Throws a PromQLError when a regex does not compile.
 * `dotMatchesNewline` selects Prometheus 3's regex `.`.
 */
export function makeMatcher(
  name: string,
  type: MatchType,
  value: string,
  dotMatchesNewline = false,
): LabelMatcher {
  if (type === '=' || type === '!=') return literalMatcher(name, type, value);
  return new RegexMatcher(name, type, value, dotMatchesNewline);
}
