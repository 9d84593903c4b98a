/**
 * The statistics of one scenario × strategy (DESIGN.md "Statistics in reports"), from its
 * re-measured trials. Fault scenarios get detection, escapes, rollback and recovery;
 * control scenarios (fault type none) get false rollbacks; both get blast radius and the
 * control-plane part of rollbacks.
 */
import type { CellInput } from '../input/run-dir.js';
import type { Rate } from './estimate.js';
import { rateOf } from './rate.js';
import { reportRng } from './report-rng.js';
import {
  blastSamples,
  controlPlaneSample,
  detectionSample,
  recoverySample,
  rollbackSample,
} from './samples.js';
import { type TimeToEvent, timeToEvent } from './time-to-event.js';
import { type ValueSummary, valueSummary } from './value-summary.js';

export interface CellStatistics {
  readonly strategy: string;
  readonly strategyKind: string;
  /** Which detectors watched the release, and which way back was used (from the journals). */
  readonly detectors: readonly string[];
  readonly wayBack: string;
  readonly trials: number;
  /** Fault scenarios: share detected (Wilson) and detection time since onset (Kaplan–Meier). */
  readonly detection: { readonly rate: Rate; readonly time: TimeToEvent } | null;
  /** Fault scenarios: the release reached 100% before anything detected the fault. */
  readonly escapes: Rate | null;
  /** Fault scenarios: of the detected trials, the share that recovered, and the rollback time (KM). */
  readonly rollback: { readonly recovered: Rate; readonly time: TimeToEvent | null } | null;
  /** Fault scenarios: detection + rollback since onset (KM, censored when not recovered). */
  readonly recovery: TimeToEvent | null;
  /** abort issued → routing back on stable (ms), over the trials with an abort. */
  readonly controlPlane: ValueSummary;
  readonly blastRadius: {
    /** Failed requests above baseline per trial. */
    readonly failedRequests: ValueSummary;
    /** Those as a share of all requests after the release. */
    readonly share: ValueSummary;
    /** Sessions that saw a failure, above baseline. */
    readonly affectedSessions: ValueSummary;
  };
  /** Control scenarios: a healthy release was rolled back. */
  readonly falseRollbacks: Rate | null;
}

/** The statistics of one cell; `seed` is the scenario's base seed (bootstrap draws derive from it). */
export function cellStatistics(cell: CellInput, seed: number): CellStatistics {
  const trials = cell.trials;
  const n = trials.length;
  const fault = cell.faultType !== 'none';
  const rng = (quantity: string) => (statistic: string) =>
    reportRng(seed, cell.scenario, cell.strategy, quantity, statistic);
  const detected = trials.filter((t) => t.detected).length;
  const blast = blastSamples(trials);
  return {
    strategy: cell.strategy,
    strategyKind: cell.strategyKind,
    detectors: cell.detectors,
    wayBack: cell.wayBack,
    trials: n,
    detection:
      fault && n > 0 ? { rate: rateOf(detected, n), time: timeToEvent(detectionSample(trials))! } : null,
    escapes: fault ? rateOf(trials.filter((t) => t.escaped).length, n) : null,
    rollback: fault
      ? {
          recovered: rateOf(trials.filter((t) => t.detected && t.recovered).length, detected),
          time: timeToEvent(rollbackSample(trials)),
        }
      : null,
    recovery: fault ? timeToEvent(recoverySample(trials)) : null,
    controlPlane: valueSummary(controlPlaneSample(trials), rng('controlPlane')),
    blastRadius: {
      failedRequests: valueSummary(blast.failedRequests, rng('failedRequests')),
      share: valueSummary(blast.share, rng('blastShare')),
      affectedSessions: valueSummary(blast.affectedSessions, rng('affectedSessions')),
    },
    falseRollbacks: fault ? null : rateOf(trials.filter((t) => t.falseRollback).length, n),
  };
}
