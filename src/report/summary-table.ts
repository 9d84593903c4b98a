/**
 * The plain summary printed at the end of `run`: per scenario × strategy, counts and
 * medians of the raw per-trial values. (Statistics with intervals are the report's job.)
 */
import { formatDuration } from './format.js';
import type { Results } from './results-json.js';

function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

const dur = (ms: number | null) => (ms === null ? '—' : formatDuration(ms));

export function summaryTable(results: Results): string {
  const header = [
    'scenario',
    'strategy',
    'trials',
    'detected',
    'detect p50*',
    'escaped',
    'recovered',
    'rollback p50*',
    'failed req p50',
    'false rb',
  ];
  const rows: string[][] = [header];
  for (const cell of results.cells) {
    const t = cell.trials;
    const n = t.length;
    const detected = t.filter((x) => x.detected);
    const healthy = cell.faultType === 'none';
    rows.push([
      cell.scenario,
      cell.strategy,
      String(n),
      healthy ? '—' : `${detected.length}/${n}`,
      healthy ? '—' : dur(median(detected.map((x) => x.detectionMs!))),
      healthy ? '—' : `${t.filter((x) => x.escaped).length}/${n}`,
      healthy ? '—' : `${t.filter((x) => x.recovered).length}/${detected.length}`,
      healthy ? '—' : dur(median(t.filter((x) => x.rollbackMs !== null).map((x) => x.rollbackMs!))),
      String(median(t.map((x) => x.failedAboveBaseline)) ?? '—'),
      healthy ? `${t.filter((x) => x.falseRollback).length}/${n}` : '—',
    ]);
  }
  const widths = header.map((_, c) => Math.max(...rows.map((r) => r[c].length)));
  const lines = rows.map((r) =>
    r.map((v, c) => (c < 2 ? v.padEnd(widths[c]) : v.padStart(widths[c]))).join('  '),
  );
  lines.splice(1, 0, widths.map((w) => '-'.repeat(w)).join('  '));
  return `${lines.join('\n')}\n* median over the trials where it happened; undetected trials are censored, not counted (see the report).\n`;
}
