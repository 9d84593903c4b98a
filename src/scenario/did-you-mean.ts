/**
 * "Did you mean" suggestions for misspelt keys, enum values and names.
 */

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbouring characters each cost 1, so `setWeigth` is 1 away from `setWeight`.
 * Cost O(a·b) time and memory. `editDistance('ab', 'ba')` → 1.
 */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) =>
    Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
      }
    }
  }
  return d[a.length][b.length];
}

/**
 * The candidate closest to `word`, when it is close enough to be a likely typo: a case or
 * dash/underscore difference, the only candidate that starts with the word (a unit suffix
 * left out: `delay` for `delayMs`), or an edit distance of at most a third of the word (at
 * least 1, at most 3). Ties go to the earlier candidate. `closestMatch('canry', ['canary',
 * 'shadow'])` → 'canary'; `closestMatch('foo', ['canary'])` → undefined.
 */
export function closestMatch(word: string, candidates: readonly string[]): string | undefined {
  const squash = (s: string) => s.toLowerCase().replace(/[-_]/g, '');
  const exactish = candidates.find((c) => c !== word && squash(c) === squash(word));
  if (exactish !== undefined) return exactish;
  const extended = candidates.filter((c) => c !== word && squash(c).startsWith(squash(word)));
  if (word.length >= 3 && extended.length === 1) return extended[0];
  const limit = Math.min(3, Math.max(1, Math.floor(word.length / 3)));
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const candidate of candidates) {
    if (candidate === word) continue;
    const distance = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (distance <= limit && distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** ` (did you mean "x"?)` when there is a close candidate, else an empty string. */
export function didYouMean(word: string, candidates: readonly string[]): string {
  const match = closestMatch(word, candidates);
  return match === undefined ? '' : ` (did you mean ${JSON.stringify(match)}?)`;
}
