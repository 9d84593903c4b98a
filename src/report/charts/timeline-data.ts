/**
 * The data of one trial's timeline, from its journal: per 10-second bin, the share of user
 * requests each version served (and mirrored copies), each version's client-observed
 * failure rate and its worst per-second p99 latency; the moments that matter (fault onset,
 * detection, abort, routing restored, recovery, full promotion); and every analysis
 * measurement and alert change. Times are minutes since the release started.
 */
import type { JournalData } from '../../journal/journal.js';
import type { ReportTrial } from '../input/report-trial.js';

/** Width of a bin, seconds. */
export const BIN_SECONDS = 10;
/** Lead-in shown before the release, seconds. */
export const BEFORE_RELEASE_SECONDS = 60;

export interface SeriesPoint {
  readonly t: number;
  readonly series: string;
  readonly value: number;
}

export interface TimelineMoment {
  readonly t: number;
  readonly label: string;
}

export interface TimelineMark {
  readonly t: number;
  /** Row: the metric name, or "alert <name>". */
  readonly row: string;
  /** Successful, Failed, Error, Inconclusive; pending, firing, inactive for alerts. */
  readonly phase: string;
}

export interface TimelineData {
  readonly fromMinutes: number;
  readonly toMinutes: number;
  readonly share: SeriesPoint[];
  readonly errorRate: SeriesPoint[];
  readonly p99: SeriesPoint[];
  readonly moments: TimelineMoment[];
  readonly marks: TimelineMark[];
}

export const V1 = 'v1 (stable)';
export const V2 = 'v2 (new)';
export const MIRRORED = 'v2 mirrored copies';

const minutes = (ms: number, releaseAt: number) => Number(((ms - releaseAt) / 60_000).toFixed(4));

/** Moments sorted by time, those less than 2 s apart shown as one ("detected (analysis), abort"). */
function mergeMoments(moments: readonly TimelineMoment[]): TimelineMoment[] {
  const sorted = [...moments].sort((a, b) => a.t - b.t);
  const merged: TimelineMoment[] = [];
  for (const m of sorted) {
    const last = merged[merged.length - 1];
    if (last && m.t - last.t < 2 / 60)
      merged[merged.length - 1] = { t: last.t, label: `${last.label}, ${m.label}` };
    else merged.push(m);
  }
  return merged;
}

/** The timeline of one trial. */
export function timelineData(journal: JournalData, trial: ReportTrial): TimelineData {
  const { tallies, header, events } = journal;
  const release = header.releaseAt;
  const first = Math.max(0, Math.floor(release / 1000) - BEFORE_RELEASE_SECONDS);
  const last = Math.min(tallies.seconds, Math.ceil(trial.endMs / 1000));
  const c = tallies.cells;
  const share: SeriesPoint[] = [];
  const errorRate: SeriesPoint[] = [];
  const p99: SeriesPoint[] = [];
  for (let from = first; from < last; from += BIN_SECONDS) {
    const to = Math.min(last, from + BIN_SECONDS);
    let stable = 0;
    let canary = 0;
    let stableFailed = 0;
    let canaryFailed = 0;
    let mirrored = 0;
    let stableP99 = 0;
    let canaryP99 = 0;
    for (let s = from; s < to; s++) {
      stable += c['stable.v1Shape'].requests[s] + c['stable.v2Shape'].requests[s];
      canary += c['canary.v1Shape'].requests[s] + c['canary.v2Shape'].requests[s];
      stableFailed += c['stable.v1Shape'].failed[s] + c['stable.v2Shape'].failed[s];
      canaryFailed += c['canary.v1Shape'].failed[s] + c['canary.v2Shape'].failed[s];
      mirrored += tallies.mirrored[s];
      stableP99 = Math.max(stableP99, tallies.versions.stable.p99Ms[s]);
      canaryP99 = Math.max(canaryP99, tallies.versions.canary.p99Ms[s]);
    }
    // A point sits in the middle of its bin.
    const t = minutes(((from + to) / 2) * 1000, release);
    const total = stable + canary;
    if (total > 0) {
      share.push({ t, series: V1, value: stable / total });
      share.push({ t, series: V2, value: canary / total });
      if (mirrored > 0) share.push({ t, series: MIRRORED, value: mirrored / total });
    }
    if (stable > 0) errorRate.push({ t, series: V1, value: stableFailed / stable });
    if (canary > 0) errorRate.push({ t, series: V2, value: canaryFailed / canary });
    if (stable > 0) p99.push({ t, series: V1, value: stableP99 });
    if (canary > 0) p99.push({ t, series: V2, value: canaryP99 });
  }

  const moments: TimelineMoment[] = [{ t: 0, label: 'release' }];
  if (trial.onsetMs !== null) moments.push({ t: minutes(trial.onsetMs, release), label: 'fault onset' });
  const promoted = events.find((e) => e.type === 'fullyPromoted');
  if (promoted) moments.push({ t: minutes(promoted.t, release), label: 'all traffic on v2' });
  const detected = events.find((e) => e.type === 'detected');
  if (detected && detected.type === 'detected')
    moments.push({ t: minutes(detected.t, release), label: `detected (${detected.by})` });
  const abort = events.find((e) => e.type === 'abort');
  if (abort) moments.push({ t: minutes(abort.t, release), label: 'abort' });
  const restored = events.find((e) => e.type === 'routingRestored');
  if (restored) moments.push({ t: minutes(restored.t, release), label: 'routing on v1' });
  if (trial.detectedAtMs !== null && trial.rollbackMs !== null)
    moments.push({ t: minutes(trial.detectedAtMs + trial.rollbackMs, release), label: 'recovered' });

  const marks: TimelineMark[] = [];
  for (const e of events) {
    if (e.type === 'measurement') marks.push({ t: minutes(e.t, release), row: e.metric, phase: e.phase });
    else if (e.type === 'alert')
      marks.push({ t: minutes(e.t, release), row: `alert ${e.name}`, phase: e.state });
  }
  return {
    fromMinutes: minutes(first * 1000, release),
    toMinutes: minutes(last * 1000, release),
    share,
    errorRate,
    p99,
    moments: mergeMoments(moments),
    marks,
  };
}
