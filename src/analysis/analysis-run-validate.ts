/**
 * The checks Argo runs on an AnalysisRun's metrics before measuring anything
 * (utils/analysis ValidateMetrics); a run whose metrics fail them ends in phase Error
 * with "Analysis spec invalid: …". Two checks are the lab's own, because a simulated
 * clock would otherwise loop at one instant: `interval` must be positive and
 * `initialDelay` not negative.
 */
import type { MetricModel } from '../scenario/model.js';

function validateMetric(m: MetricModel): string | null {
  if (m.count !== null && m.count > 0) {
    if (m.count < m.failureLimit) return 'count must be >= failureLimit';
    if (m.count < m.inconclusiveLimit) return 'count must be >= inconclusiveLimit';
    if (m.count < m.consecutiveSuccessLimit) return 'count must be >= consecutiveSuccessLimit';
  }
  if (m.count !== null && m.count > 1 && m.intervalMs === null)
    return 'interval must be specified when count > 1';
  if (m.count !== null && m.count < 0) return 'count must be >= 0';
  if (m.intervalMs !== null && m.intervalMs <= 0) return 'interval must be > 0';
  if (m.initialDelayMs < 0) return 'initialDelay must be >= 0';
  if (m.failureLimit < -1) return 'failureLimit must be >= -1 (-1 disables it)';
  if (m.inconclusiveLimit < 0) return 'inconclusiveLimit must be >= 0';
  if (m.consecutiveErrorLimit < 0) return 'consecutiveErrorLimit must be >= 0';
  if (m.consecutiveSuccessLimit < 0) return 'consecutiveSuccessLimit must be >= 0';
  if (m.failureLimit < 0 && m.consecutiveSuccessLimit <= 0) {
    return 'failureLimit is disabled (-1), so consecutiveSuccessLimit must be > 0';
  }
  return null;
}

/** null when the metrics can run; else what is wrong, prefixed with the metric's index. */
export function validateMetrics(metrics: readonly MetricModel[]): string | null {
  if (metrics.length === 0) return 'no metrics specified';
  const names = new Set<string>();
  for (const [i, metric] of metrics.entries()) {
    if (names.has(metric.name)) return `metrics[${i}]: duplicate name '${metric.name}'`;
    names.add(metric.name);
    const problem = validateMetric(metric);
    if (problem !== null) return `metrics[${i}]: ${problem}`;
  }
  return null;
}
