/**
 * When users are back to normal after a detection: the start of the first 30-second
 * window, at or after the detection, in which at least 99% of requests were served by the
 * stable version and client-observed failures were inside the baseline band
 * (failures ≤ n·p + 3·√(n·p·(1−p)) + 1 for n requests at baseline failure probability p).
 * A window must lie wholly inside the observed time; null when none does.
 */
import type { Tallies } from '../journal/journal.js';
import type { Millis } from '../scenario/model.js';

export const RECOVERY_WINDOW_S = 30;
export const STABLE_SHARE = 0.99;

export function withinBaselineBand(failed: number, requests: number, p: number): boolean {
  return failed <= requests * p + 3 * Math.sqrt(requests * p * (1 - p)) + 1;
}

export function recoveryTime(
  tallies: Tallies,
  baselineErrorRate: number,
  detectedAt: Millis,
  endMs: Millis,
): Millis | null {
  const last = Math.min(tallies.seconds, Math.floor(endMs / 1000));
  const start = Math.ceil(detectedAt / 1000);
  const W = RECOVERY_WINDOW_S;
  if (start + W > last) return null;
  const n = last - start;
  const total = new Float64Array(n + 1);
  const stable = new Float64Array(n + 1);
  const failed = new Float64Array(n + 1);
  const c = tallies.cells;
  for (let i = 0; i < n; i++) {
    const s = start + i;
    const st = c['stable.v1Shape'].requests[s] + c['stable.v2Shape'].requests[s];
    const ca = c['canary.v1Shape'].requests[s] + c['canary.v2Shape'].requests[s];
    const f =
      c['stable.v1Shape'].failed[s] +
      c['stable.v2Shape'].failed[s] +
      c['canary.v1Shape'].failed[s] +
      c['canary.v2Shape'].failed[s];
    total[i + 1] = total[i] + st + ca;
    stable[i + 1] = stable[i] + st;
    failed[i + 1] = failed[i] + f;
  }
  for (let i = 0; i + W <= n; i++) {
    const requests = total[i + W] - total[i];
    if (requests === 0) continue;
    const share = (stable[i + W] - stable[i]) / requests;
    if (share >= STABLE_SHARE && withinBaselineBand(failed[i + W] - failed[i], requests, baselineErrorRate)) {
      return (start + i) * 1000;
    }
  }
  return null;
}
