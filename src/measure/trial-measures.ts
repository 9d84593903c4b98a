/**
 * The quantities of DESIGN.md "What is measured", computed for one trial from its journal
 * alone (so any report can be rebuilt from journals). Times are milliseconds.
 *
 * - onset t0: the first request served by the faulty version (or the migration that
 *   breaks v1, for a database fault); for a healthy release, the first v2 request.
 * - detection: first `detected` event minus t0. No detection = censored at the end of
 *   observation (trial end minus t0) — never dropped, never counted as zero.
 * - rollback: from detection until, over a sustained window, at least 99% of requests are
 *   served by the stable version and the client-observed failure rate is back inside the
 *   baseline band; also its control-plane part (abort → routing back on stable).
 * - blast radius: client-observed failures after the release started, above what the
 *   baseline error rate would have caused; sessions that saw a failure, likewise.
 * - escape: the faulty release took all user traffic before anything detected it.
 * - false rollback: a healthy release was rolled back.
 */
import type { JournalData, JournalEvent } from '../journal/journal.js';
import type { Millis } from '../scenario/model.js';
import { recoveryTime } from './recovery.js';

export interface TrialMeasures {
  readonly trial: number;
  readonly seed: number;
  readonly faultType: string;
  /** t0, ms since trial start; null when v2 never served (e.g. stuck before the first pod was ready). */
  readonly onsetMs: Millis | null;
  readonly detected: boolean;
  /** detection − t0; null when not detected. */
  readonly detectionMs: Millis | null;
  /** For an undetected trial, how long after t0 it was watched (the censoring time). */
  readonly observedMs: Millis | null;
  readonly detector: string | null;
  readonly detectorSource: string | null;
  readonly escaped: boolean;
  readonly falseRollback: boolean;
  readonly aborted: boolean;
  /** abort issued → user routing back on stable; null when no abort or never restored. */
  readonly controlPlaneRollbackMs: Millis | null;
  readonly recovered: boolean;
  /** detection → recovered; null when not detected or never recovered. */
  readonly rollbackMs: Millis | null;
  readonly timeToRecoveryMs: Millis | null;
  readonly requestsAfterRelease: number;
  readonly failedAfterRelease: number;
  readonly failedAboveBaseline: number;
  /** failedAboveBaseline / requestsAfterRelease. */
  readonly blastShare: number;
  readonly affectedSessions: number;
  readonly affectedSessionsAboveBaseline: number;
  readonly promoted: boolean;
  readonly endMs: Millis;
  readonly endReason: string;
}

function first<T extends JournalEvent['type']>(
  events: readonly JournalEvent[],
  type: T,
  from = 0,
): Extract<JournalEvent, { type: T }> | undefined {
  for (const e of events) if (e.type === type && e.t >= from) return e as Extract<JournalEvent, { type: T }>;
  return undefined;
}

/**
 * When user traffic was back on stable after the abort: the controller's own
 * `routingRestored` event when the journal has one (it knows each strategy's way back: a
 * recreate is back only once a v1 pod is ready, while its routing shows 0% canary as soon
 * as the v2 pods stop serving); otherwise routing at 0% canary (and no mirror), or the
 * flag at 0.
 */
function routingRestoredAt(
  events: readonly JournalEvent[],
  abortAt: Millis,
  strategyKind: string,
): Millis | null {
  const restored = first(events, 'routingRestored', abortAt);
  if (restored) return restored.t;
  for (const e of events) {
    if (e.t < abortAt) continue;
    if (strategyKind === 'featureFlag') {
      if (e.type === 'flag' && e.percent === 0) return e.t;
    } else if (e.type === 'routing' && e.canaryPercent === 0 && e.mirrorPercent === 0) {
      return e.t;
    }
  }
  // Already on stable when the abort came (e.g. a shadow that never took user traffic).
  let last: JournalEvent | undefined;
  for (const e of events) {
    if (e.t > abortAt) break;
    if (strategyKind === 'featureFlag' ? e.type === 'flag' : e.type === 'routing') last = e;
  }
  if (last?.type === 'routing' && last.canaryPercent === 0 && last.mirrorPercent === 0) return abortAt;
  if (last?.type === 'flag' && last.percent === 0) return abortAt;
  if (strategyKind === 'featureFlag' && last === undefined) return abortAt;
  return null;
}

export function measureTrial(journal: JournalData): TrialMeasures {
  const { header, events, tallies } = journal;
  const onset = first(events, 'faultOnset');
  const onsetMs = onset ? onset.t : null;
  const detectedEvent = first(events, 'detected');
  const end = first(events, 'end');
  const endMs = end ? end.t : tallies.seconds * 1000;
  const promotedEvent = first(events, 'fullyPromoted');
  const abort = first(events, 'abort');
  const healthy = header.faultType === 'none';

  const detected = detectedEvent !== undefined;
  const reference = onsetMs ?? header.releaseAt;
  const detectionMs = detectedEvent ? Math.max(0, detectedEvent.t - reference) : null;
  const observedMs = detected ? null : Math.max(0, endMs - reference);
  const escaped =
    !healthy && promotedEvent !== undefined && (!detectedEvent || promotedEvent.t <= detectedEvent.t);

  const controlPlaneAt = abort ? routingRestoredAt(events, abort.t, header.strategyKind) : null;
  const recoveredAt = detectedEvent
    ? recoveryTime(tallies, header.baselineErrorRate, detectedEvent.t, endMs)
    : null;

  // Blast radius from the release start.
  const from = Math.floor(header.releaseAt / 1000);
  const to = Math.min(tallies.seconds, Math.ceil(endMs / 1000));
  let requests = 0;
  let failed = 0;
  let newly = 0;
  let expected = 0;
  for (const cell of Object.values(tallies.cells)) {
    for (let s = from; s < to; s++) {
      requests += cell.requests[s];
      failed += cell.failed[s];
    }
  }
  for (let s = from; s < to; s++) {
    newly += tallies.sessions.newlyAffected[s];
    expected += tallies.sessions.expectedBaseline[s];
  }
  const above = Math.max(0, failed - header.baselineErrorRate * requests);

  return {
    trial: header.trial,
    seed: header.seed,
    faultType: header.faultType,
    onsetMs,
    detected,
    detectionMs,
    observedMs,
    detector: detectedEvent?.by ?? null,
    detectorSource: detectedEvent?.source ?? null,
    escaped,
    falseRollback: healthy && (detected || abort !== undefined),
    aborted: abort !== undefined,
    controlPlaneRollbackMs: abort && controlPlaneAt !== null ? controlPlaneAt - abort.t : null,
    recovered: recoveredAt !== null,
    rollbackMs: detectedEvent && recoveredAt !== null ? recoveredAt - detectedEvent.t : null,
    timeToRecoveryMs:
      detectionMs !== null && detectedEvent && recoveredAt !== null
        ? detectionMs + (recoveredAt - detectedEvent.t)
        : null,
    requestsAfterRelease: requests,
    failedAfterRelease: failed,
    failedAboveBaseline: Math.round(above),
    blastShare: requests > 0 ? above / requests : 0,
    affectedSessions: newly,
    affectedSessionsAboveBaseline: Math.max(0, Math.round(newly - expected)),
    promoted: promotedEvent !== undefined,
    endMs,
    endReason: end?.reason ?? 'unknown',
  };
}
