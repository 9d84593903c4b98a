/**
 * The per-strategy table of a scenario as rows of text (one row per quantity, one column
 * per strategy), shared by the HTML and Markdown outputs. Each cell is a value, its 95%
 * interval and a note (its n, when that is not the number of trials).
 */
import type { CellStatistics } from './statistics/cell-statistics.js';
import type { Estimate, Rate } from './statistics/estimate.js';
import type { TimeToEvent } from './statistics/time-to-event.js';
import type { ValueSummary } from './statistics/value-summary.js';
import { formatCount, formatMs, formatPercent } from './text/numbers.js';

export interface TableCell {
  readonly value: string;
  /** "9m50s–10m20s", or "" when there is none. */
  readonly interval: string;
  /** "n = 38 detected", "below 7.2% (one-sided 95%)", … */
  readonly note: string;
}

export interface TableRow {
  readonly label: string;
  /** How the row is computed, in a few words. */
  readonly help: string;
  readonly cells: readonly TableCell[];
}

const EMPTY: TableCell = { value: '—', interval: '', note: '' };

function interval(e: Estimate, format: (v: number) => string): string {
  if (e.lower === null && e.upper === null) return '';
  return `${e.lower === null ? '?' : format(e.lower)}–${e.upper === null ? 'not reached' : format(e.upper)}`;
}

function estimateCell(e: Estimate, format: (v: number) => string, note = '', missing = '—'): TableCell {
  if (e.estimate === null) return { value: missing, interval: '', note };
  return { value: format(e.estimate), interval: interval(e, format), note };
}

function rateCell(r: Rate | null, note = ''): TableCell {
  if (r === null) return EMPTY;
  if (r.n === 0) return { value: '0/0', interval: '', note: note || 'nothing to count' };
  const zero = r.zeroEventUpper !== null ? `below ${formatPercent(r.zeroEventUpper)} (one-sided 95%)` : '';
  return {
    value: `${r.successes}/${r.n} = ${formatPercent(r.estimate!)}`,
    interval: `${formatPercent(r.lower)}–${formatPercent(r.upper)}`,
    note: [zero, note].filter((x) => x !== '').join('; '),
  };
}

function nNote(n: number, trials: number, what: string): string {
  return n === trials ? '' : `n = ${n} ${what}`;
}

function timeCells(
  stats: readonly CellStatistics[],
  pick: (s: CellStatistics) => TimeToEvent | null,
  which: 'median' | 'p90',
  what: string,
  eventWord: string,
): TableCell[] {
  return stats.map((s) => {
    const t = pick(s);
    if (t === null) return EMPTY;
    const note = nNote(t.n, s.trials, what);
    const missing = `not reached (${t.events}/${t.n} ${eventWord})`;
    return estimateCell(t[which], formatMs, note, missing);
  });
}

function valueCells(
  stats: readonly CellStatistics[],
  pick: (s: CellStatistics) => ValueSummary,
  which: 'mean' | 'median',
  format: (v: number) => string,
  what: string,
): TableCell[] {
  return stats.map((s) => {
    const v = pick(s);
    return v.n === 0
      ? { value: '—', interval: '', note: `no ${what}` }
      : estimateCell(v[which], format, nNote(v.n, s.trials, what));
  });
}

/**
 * The rows of a scenario's table. `controlRates` are the false-rollback rates of the same
 * strategies in the run's control scenario (for fault scenarios), with its name.
 */
export function strategyTableRows(
  stats: readonly CellStatistics[],
  control: { readonly scenario: string; readonly rates: ReadonlyMap<string, Rate> } | null,
): TableRow[] {
  const fault = stats.some((s) => s.detection !== null);
  const rows: TableRow[] = [
    {
      label: 'Trials',
      help: 'n of every number below, unless the cell says otherwise',
      cells: stats.map((s) => ({ value: String(s.trials), interval: '', note: '' })),
    },
  ];
  if (fault) {
    rows.push(
      {
        label: 'Detected',
        help: 'share of trials in which a detector declared failure (Wilson interval)',
        cells: stats.map((s) => rateCell(s.detection?.rate ?? null)),
      },
      {
        label: 'Detection time, median',
        help: 'since fault onset; Kaplan–Meier, undetected trials censored (Brookmeyer–Crowley interval)',
        cells: timeCells(stats, (s) => s.detection?.time ?? null, 'median', '', 'detected'),
      },
      {
        label: 'Detection time, p90',
        help: 'Kaplan–Meier 90th percentile',
        cells: timeCells(stats, (s) => s.detection?.time ?? null, 'p90', '', 'detected'),
      },
    );
    if (stats.some((s) => s.detection && s.detection.time.median.estimate === null)) {
      rows.push({
        label: 'Detection, when the median is not reached',
        help: 'P(detected by the end of observation) and the restricted mean detection time to that horizon',
        cells: stats.map((s) => {
          const t = s.detection?.time;
          if (!t || t.median.estimate !== null) return EMPTY;
          const p = t.byEnd;
          return {
            value: `${formatPercent(p.estimate ?? 0)} by ${formatMs(t.horizonMs)}`,
            interval: interval(p, formatPercent),
            note: `restricted mean ${formatMs(t.restrictedMean.estimate ?? 0)} of ${formatMs(t.horizonMs)}`,
          };
        }),
      });
    }
    rows.push(
      {
        label: 'Escapes',
        help: 'the faulty release reached all users before it was detected (Wilson interval)',
        cells: stats.map((s) => rateCell(s.escapes)),
      },
      {
        label: 'Back to normal after detection',
        help: 'detected trials whose users got back to normal (≥ 99% of requests on v1, failures in the baseline band)',
        cells: stats.map((s) => rateCell(s.rollback?.recovered ?? null)),
      },
      {
        label: 'Rollback time, median',
        help: 'detection → users back to normal; Kaplan–Meier, censored when never back to normal',
        cells: timeCells(stats, (s) => s.rollback?.time ?? null, 'median', 'detected', 'recovered'),
      },
      {
        label: 'Rollback time, p90',
        help: 'Kaplan–Meier 90th percentile',
        cells: timeCells(stats, (s) => s.rollback?.time ?? null, 'p90', 'detected', 'recovered'),
      },
    );
  }
  rows.push({
    label: 'Control-plane rollback, median',
    help: 'abort issued → user routing back on v1 (bootstrap interval)',
    cells: valueCells(stats, (s) => s.controlPlane, 'median', formatMs, 'aborts'),
  });
  if (fault) {
    rows.push({
      label: 'Time to recovery, median',
      help: 'fault onset → users back to normal (detection + rollback); Kaplan–Meier',
      cells: timeCells(stats, (s) => s.recovery, 'median', '', 'recovered'),
    });
  }
  rows.push(
    {
      label: 'Failed requests, mean',
      help: 'client-observed failures above what the baseline error rate explains, per trial (BCa bootstrap interval)',
      cells: valueCells(stats, (s) => s.blastRadius.failedRequests, 'mean', formatCount, 'trials'),
    },
    {
      label: 'Failed requests, median',
      help: 'per trial (BCa bootstrap interval)',
      cells: valueCells(stats, (s) => s.blastRadius.failedRequests, 'median', formatCount, 'trials'),
    },
    {
      label: 'Share of requests failed, mean',
      help: 'failed requests above baseline / requests after the release',
      cells: valueCells(stats, (s) => s.blastRadius.share, 'mean', formatPercent, 'trials'),
    },
    {
      label: 'Sessions affected, mean',
      help: 'sessions that saw at least one failure, above baseline, per trial',
      cells: valueCells(stats, (s) => s.blastRadius.affectedSessions, 'mean', formatCount, 'trials'),
    },
  );
  if (fault) {
    rows.push({
      label: control ? `False rollbacks (in ${control.scenario})` : 'False rollbacks',
      help: control
        ? `the same strategy rolling back a healthy release, from the control scenario ${control.scenario}`
        : 'needs a control scenario (fault type none) in the same run',
      cells: stats.map((s) => {
        const r = control?.rates.get(s.strategy);
        return r
          ? rateCell(r)
          : { value: '—', interval: '', note: control ? 'not in the control run' : 'no control run' };
      }),
    });
  } else {
    rows.push({
      label: 'False rollbacks',
      help: 'the healthy release was rolled back (Wilson interval; with none, the one-sided 95% bound)',
      cells: stats.map((s) => rateCell(s.falseRollbacks)),
    });
  }
  return rows;
}
