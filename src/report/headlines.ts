/**
 * One line per quantity at the top of a scenario: which strategy did best, and which of
 * the others the tests tell it apart from. "Best" is by the point estimate (Kaplan–Meier
 * median, with a median that is not reached counting as the slowest; median failed
 * requests; rate); the verdicts below give the numbers.
 */
import type { ComparedQuantity, Comparison } from './comparisons/comparison.js';
import type { CellStatistics } from './statistics/cell-statistics.js';
import { sideText } from './verdicts.js';

export interface Headline {
  readonly quantity: ComparedQuantity;
  readonly leader: string;
  readonly sentence: string;
}

const TITLES: Record<ComparedQuantity, string> = {
  detection: 'Fastest detection',
  rollback: 'Fastest rollback',
  blastRadius: 'Fewest failed requests',
  escapes: 'Fewest escapes',
  falseRollbacks: 'Fewest false rollbacks',
};

/** Sort key: lower is better; null when the strategy has no value for the quantity. */
function score(quantity: ComparedQuantity, s: CellStatistics): number[] | null {
  const inf = Number.POSITIVE_INFINITY;
  switch (quantity) {
    case 'detection': {
      const t = s.detection?.time;
      return t ? [t.median.estimate ?? inf, -(t.byEnd.estimate ?? 0)] : null;
    }
    case 'rollback': {
      const t = s.rollback?.time;
      return t ? [t.median.estimate ?? inf, -(t.byEnd.estimate ?? 0)] : null;
    }
    case 'blastRadius':
      return [
        s.blastRadius.failedRequests.median.estimate ?? inf,
        s.blastRadius.failedRequests.mean.estimate ?? inf,
      ];
    case 'escapes':
      return s.escapes?.estimate != null ? [s.escapes.estimate] : null;
    case 'falseRollbacks':
      return s.falseRollbacks?.estimate != null ? [s.falseRollbacks.estimate] : null;
  }
}

function lexLess(a: number[], b: number[]): boolean {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i];
  return false;
}

const list = (names: readonly string[]) => names.join(', ');

/** The headlines of a scenario, in the order of its comparisons' quantities. */
export function headlines(comparisons: readonly Comparison[], cells: readonly CellStatistics[]): Headline[] {
  const quantities = [...new Set(comparisons.map((c) => c.quantity))];
  const out: Headline[] = [];
  for (const quantity of quantities) {
    let leader: CellStatistics | null = null;
    let best: number[] | null = null;
    for (const s of cells) {
      const key = score(quantity, s);
      if (key && (best === null || lexLess(key, best))) {
        leader = s;
        best = key;
      }
    }
    if (!leader) continue;
    const name = leader.strategy;
    const own = comparisons.filter((c) => c.quantity === quantity && (c.a === name || c.b === name));
    const other = (c: Comparison) => (c.a === name ? c.b : c.a);
    const leaderSide = (c: Comparison) => (c.a === name ? 'a' : 'b');
    const ahead = own.filter((c) => c.significant && c.better === leaderSide(c)).map(other);
    const behind = own
      .filter((c) => c.significant && c.better !== null && c.better !== leaderSide(c))
      .map(other);
    const apart = own.filter((c) => !c.significant || c.better === null).map(other);
    const rate = quantity === 'escapes' || quantity === 'falseRollbacks';
    const n = own.length === 0 ? leader.trials : own[0].a === name ? own[0].nA : own[0].nB;
    const value = rate
      ? sideText(quantity, leader).replace(/ \((.*)\)$/, ' = $1')
      : `median ${sideText(quantity, leader)}, n = ${n}`;
    const parts = [`${TITLES[quantity]}: ${name} (${value})`];
    if (ahead.length > 0) parts.push(`better than ${list(ahead)}`);
    if (apart.length > 0) parts.push(`not told apart from ${list(apart)}`);
    if (behind.length > 0) parts.push(`though the test favours ${list(behind)} (the curves cross)`);
    out.push({ quantity, leader: name, sentence: `${parts.join('; ')}.` });
  }
  return out;
}
