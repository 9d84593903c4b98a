/**
 * Numbers as the report prints them, the same in HTML, Markdown and JUnit: durations
 * (3m10s), counts with thousands separators (12,239), percentages with as many digits as
 * they need (20%, 2.5%, 0.35%), p-values (p < 0.001), and 95% intervals. Locale-free, so
 * the output is the same on every machine.
 */
import { formatDuration } from '../format.js';
import type { Estimate, Rate } from '../statistics/estimate.js';

/** A minus sign that reads as one. */
const MINUS = '−';

/** 12239 → "12,239"; 2190.45 → "2,190"; 7.25 → "7.3"; 0.5 → "0.5". */
export function formatCount(value: number): string {
  const abs = Math.abs(value);
  const sign = value < 0 ? MINUS : '';
  const text =
    abs >= 100 || Number.isInteger(abs)
      ? String(Math.round(abs)).replace(/\B(?=(\d{3})+(?!\d))/g, ',')
      : String(Number(abs.toFixed(1)));
  return sign + text;
}

/** 0.2 → "20%"; 0.025 → "2.5%"; 0.0035 → "0.35%"; 0 → "0%"; 1 → "100%". */
export function formatPercent(p: number): string {
  const pct = p * 100;
  const abs = Math.abs(pct);
  const sign = pct < 0 ? MINUS : '';
  if (abs === 0) return '0%';
  if (abs >= 99.95 && abs < 100) return `${sign}99.9%`;
  if (abs >= 10) return `${sign}${Math.round(abs)}%`;
  if (abs >= 1) return `${sign}${Number(abs.toFixed(1))}%`;
  return `${sign}${Number(abs.toPrecision(2))}%`;
}

/** A duration in ms, with a real minus sign. */
export function formatMs(ms: number): string {
  return ms < 0 ? MINUS + formatDuration(-ms) : formatDuration(ms);
}

/** "p < 0.001", "p = 0.012", "p = 0.31", "p = 1". */
export function formatP(p: number): string {
  if (p < 0.001) return 'p < 0.001';
  if (p >= 0.995) return 'p = 1';
  if (p < 0.01) return `p = ${p.toFixed(3)}`;
  return `p = ${p.toFixed(2)}`;
}

/** "[95% CI 5m50s–7m20s]"; an open end reads "not reached"; both unknown → "". */
export function formatInterval(
  lower: number | null,
  upper: number | null,
  format: (value: number) => string,
): string {
  if (lower === null && upper === null) return '';
  const lo = lower === null ? '?' : format(lower);
  const hi = upper === null ? 'not reached' : format(upper);
  return `[95% CI ${lo}–${hi}]`;
}

/** "3m10s [95% CI 2m50s–3m40s]", or `missing` when there is no estimate. */
export function formatEstimate(e: Estimate, format: (value: number) => string, missing = '—'): string {
  if (e.estimate === null) return missing;
  const interval = formatInterval(e.lower, e.upper, format);
  return interval === '' ? format(e.estimate) : `${format(e.estimate)} ${interval}`;
}

/** "8/40 = 20% [95% CI 11–35%]"; with no events also "(≤ 7.2%)" the one-sided bound. */
export function formatRate(rate: Rate): string {
  if (rate.n === 0) return '0/0';
  const interval = `[95% CI ${formatPercent(rate.lower).replace('%', '')}–${formatPercent(rate.upper)}]`;
  const zero =
    rate.zeroEventUpper !== null ? `, below ${formatPercent(rate.zeroEventUpper)} (one-sided 95%)` : '';
  return `${rate.successes}/${rate.n} = ${formatPercent(rate.estimate!)} ${interval}${zero}`;
}

/** "n = 40 each" or "n = 40 vs 38". */
export function formatNs(nA: number, nB: number, unit = ''): string {
  const u = unit === '' ? '' : ` ${unit}`;
  return nA === nB ? `n = ${nA}${u} each` : `n = ${nA} vs ${nB}${u}`;
}
