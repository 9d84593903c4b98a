/**
 * One plain sentence per comparison, as a team would say it:
 *   "canary detects the connection leak faster than rolling: median 3m10s vs 9m40s,
 *    shift 6m30s [95% CI 5m50s–7m20s], p < 0.001, n = 200 each"
 * or, when the Holm-adjusted p is not below 0.05, "not enough trials to tell — about N
 * per strategy would be needed". p-values in the sentences are Holm-adjusted.
 */
import type { ComparedQuantity, Comparison } from './comparisons/comparison.js';
import type { CellStatistics } from './statistics/cell-statistics.js';
import type { Estimate } from './statistics/estimate.js';
import { faultName } from './text/fault-names.js';
import { formatCount, formatInterval, formatMs, formatNs, formatP, formatPercent } from './text/numbers.js';

export type VerdictOutcome = 'difference' | 'not-enough-trials' | 'no-difference';

export interface Verdict {
  readonly quantity: ComparedQuantity;
  readonly a: string;
  readonly b: string;
  readonly outcome: VerdictOutcome;
  readonly sentence: string;
}

/** Above this, "about N would be needed" says "more than" instead of a number. */
export const TRIALS_NEEDED_CAP = 100_000;

interface Words {
  /** "detects the connection leak faster than" */
  readonly better: string;
  /** "detect the connection leak equally fast" (plural: two strategies) */
  readonly same: string;
  /** "detection time" */
  readonly noun: string;
  /** What n counts, when not trials. */
  readonly unit: string;
}

function wordsFor(quantity: ComparedQuantity, fault: string): Words {
  switch (quantity) {
    case 'detection':
      return {
        better: `detects ${fault} faster than`,
        same: `detect ${fault} equally fast`,
        noun: 'detection time',
        unit: '',
      };
    case 'rollback':
      return {
        better: 'rolls back faster than',
        same: 'roll back equally fast',
        noun: 'rollback time',
        unit: 'rollbacks',
      };
    case 'blastRadius':
      return {
        better: 'fails fewer requests than',
        same: 'fail as many requests',
        noun: 'failed requests',
        unit: '',
      };
    case 'escapes':
      return {
        better: `lets ${fault} reach all users less often than`,
        same: `let ${fault} reach all users equally often`,
        noun: 'escapes',
        unit: '',
      };
    case 'falseRollbacks':
      return {
        better: 'rolls back the healthy release less often than',
        same: 'roll back the healthy release equally often',
        noun: 'false rollbacks',
        unit: '',
      };
  }
}

/** How one side reads: "3m10s", "not reached (3/40 detected)", "1,006", "8/40 (20%)". */
export function sideText(quantity: ComparedQuantity, s: CellStatistics): string {
  switch (quantity) {
    case 'detection': {
      const t = s.detection!.time;
      return t.median.estimate !== null
        ? formatMs(t.median.estimate)
        : `not reached (${t.events}/${t.n} detected)`;
    }
    case 'rollback': {
      const t = s.rollback!.time!;
      return t.median.estimate !== null
        ? formatMs(t.median.estimate)
        : `not reached (${t.events}/${t.n} recovered)`;
    }
    case 'blastRadius':
      return formatCount(s.blastRadius.failedRequests.median.estimate ?? 0);
    case 'escapes':
    case 'falseRollbacks': {
      const r = quantity === 'escapes' ? s.escapes! : s.falseRollbacks!;
      return `${r.successes}/${r.n} (${formatPercent(r.estimate ?? 0)})`;
    }
  }
}

/** The estimate negated (with its interval) when `negate`. */
function oriented(value: Estimate, negate: boolean): Estimate {
  if (!negate) return value;
  return {
    estimate: value.estimate === null ? null : -value.estimate,
    lower: value.upper === null ? null : -value.upper,
    upper: value.lower === null ? null : -value.lower,
  };
}

function effectText(c: Comparison, flip: boolean, label: string): string {
  if (!c.effect || c.effect.value.estimate === null) return '';
  // The effect is a − b; it reads as the gap from the first-named to the second, which is
  // b − a when a is named first.
  const v = oriented(c.effect.value, !flip);
  if (c.effect.kind === 'rateDifference') {
    const points = (x: number) => formatPercent(x).replace('%', '');
    return `, difference ${points(v.estimate!)} percentage points ${formatInterval(v.lower, v.upper, points)}`;
  }
  const format = c.quantity === 'blastRadius' ? formatCount : formatMs;
  return `, ${label} ${format(v.estimate!)} ${formatInterval(v.lower, v.upper, format)}`.trimEnd();
}

/** The numbers of a comparison, first-named strategy first. */
function numbersText(c: Comparison, first: CellStatistics, second: CellStatistics, flip: boolean): string {
  const q = c.quantity;
  const sides = `${sideText(q, first)} vs ${sideText(q, second)}`;
  if (q === 'escapes' || q === 'falseRollbacks') return sides + effectText(c, flip, '');
  const what = q === 'blastRadius' ? 'median failed requests above baseline' : 'median';
  let text = `${what} ${sides}`;
  // A difference of medians exists only when both are reached; otherwise say how many by the end.
  if (c.effect?.value.estimate !== null) text += effectText(c, flip, 'shift');
  else if (q === 'detection') {
    const pa = first.detection!.time.byEnd.estimate ?? 0;
    const pb = second.detection!.time.byEnd.estimate ?? 0;
    text += `; detected by the end of observation ${formatPercent(pa)} vs ${formatPercent(pb)}`;
  } else if (q === 'rollback') {
    const pa = first.rollback!.time!.byEnd.estimate ?? 0;
    const pb = second.rollback!.time!.byEnd.estimate ?? 0;
    text += `; back to normal by the end ${formatPercent(pa)} vs ${formatPercent(pb)}`;
  }
  return text;
}

function trialsText(n: number): string {
  return n > TRIALS_NEEDED_CAP
    ? `more than ${formatCount(TRIALS_NEEDED_CAP)} per strategy would be needed`
    : `about ${formatCount(n)} per strategy would be needed`;
}

/**
 * The verdict of one comparison. `cells` holds the scenario's statistics by strategy;
 * `faultType` names the fault in the sentence.
 */
export function verdictOf(
  c: Comparison,
  cells: ReadonlyMap<string, CellStatistics>,
  faultType: string,
): Verdict {
  const words = wordsFor(c.quantity, faultName(faultType));
  const flip = c.better === 'b';
  const [firstName, secondName] = flip ? [c.b, c.a] : [c.a, c.b];
  const [nFirst, nSecond] = flip ? [c.nB, c.nA] : [c.nA, c.nB];
  const first = cells.get(firstName)!;
  const second = cells.get(secondName)!;
  const numbers = numbersText(c, first, second, flip);
  const tail = `${formatP(c.pAdjusted)}, ${formatNs(nFirst, nSecond, words.unit)}`;
  const base = { quantity: c.quantity, a: c.a, b: c.b };
  if (c.significant && c.better !== null) {
    return {
      ...base,
      outcome: 'difference',
      sentence: `${firstName} ${words.better} ${secondName}: ${numbers}, ${tail}`,
    };
  }
  if (c.trialsNeeded !== null) {
    return {
      ...base,
      outcome: 'not-enough-trials',
      sentence: `${firstName} vs ${secondName}, ${words.noun}: not enough trials to tell — ${trialsText(c.trialsNeeded)} (${numbers}, ${tail})`,
    };
  }
  if (c.better === null) {
    return {
      ...base,
      outcome: 'no-difference',
      sentence: `${firstName} and ${secondName} ${words.same}: ${numbers}, ${tail}`,
    };
  }
  return {
    ...base,
    outcome: 'not-enough-trials',
    sentence: `${firstName} vs ${secondName}, ${words.noun}: not enough trials to tell (${numbers}, ${tail})`,
  };
}
