/** Durations as people read them: 850ms, 42s, 3m10s, 1h05m. */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return String(ms);
  const sign = ms < 0 ? '-' : '';
  const a = Math.abs(ms);
  if (a < 1000) return `${sign}${Math.round(a)}ms`;
  const s = Math.round(a / 1000);
  if (s < 60) return `${sign}${s}s`;
  const m = Math.floor(s / 60);
  const rs = s % 60;
  if (m < 60) return `${sign}${m}m${rs > 0 ? String(rs).padStart(2, '0') + 's' : ''}`;
  const h = Math.floor(m / 60);
  return `${sign}${h}h${String(m % 60).padStart(2, '0')}m`;
}
