/**
 * The per-trial samples the statistics are computed on, taken from re-measured trials.
 * Times are ms. Censoring follows DESIGN.md "What is measured": a trial in which nothing
 * detected the fault is censored at its observed time after onset; a rollback that never
 * got users back to normal is censored at the end of the trial.
 */
import type { ReportTrial } from '../input/report-trial.js';
import type { CensoredTimes } from './time-to-event.js';

/** Detection time since fault onset, every trial; undetected ones censored. */
export function detectionSample(trials: readonly ReportTrial[]): CensoredTimes {
  return {
    times: trials.map((t) => (t.detected ? t.detectionMs! : t.observedMs!)),
    events: trials.map((t) => t.detected),
  };
}

/** Rollback time, detected trials only (there is nothing to roll back otherwise); never recovered → censored at the trial's end. */
export function rollbackSample(trials: readonly ReportTrial[]): CensoredTimes {
  const detected = trials.filter((t) => t.detected && t.detectedAtMs !== null);
  return {
    times: detected.map((t) => (t.recovered ? t.rollbackMs! : Math.max(0, t.endMs - t.detectedAtMs!))),
    events: detected.map((t) => t.recovered),
  };
}

/** Time to recovery (detection + rollback) since onset, every trial; not recovered → censored at the trial's end. */
export function recoverySample(trials: readonly ReportTrial[]): CensoredTimes {
  return {
    times: trials.map((t) =>
      t.timeToRecoveryMs !== null ? t.timeToRecoveryMs : Math.max(0, t.endMs - t.referenceMs),
    ),
    events: trials.map((t) => t.timeToRecoveryMs !== null),
  };
}

/** Control-plane part of the rollback (abort → routing on stable), trials where it happened. */
export function controlPlaneSample(trials: readonly ReportTrial[]): number[] {
  return trials.filter((t) => t.controlPlaneRollbackMs !== null).map((t) => t.controlPlaneRollbackMs!);
}

/** The blast-radius quantities per trial, every trial. */
export function blastSamples(trials: readonly ReportTrial[]): {
  failedRequests: number[];
  share: number[];
  affectedSessions: number[];
} {
  return {
    failedRequests: trials.map((t) => t.failedAboveBaseline),
    share: trials.map((t) => t.blastShare),
    affectedSessions: trials.map((t) => t.affectedSessionsAboveBaseline),
  };
}
