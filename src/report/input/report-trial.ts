/**
 * A trial as the report sees it: its measures (src/measure/trial-measures.ts) and the two
 * times the censored quantities need that the measures do not keep.
 */
import type { JournalData } from '../../journal/journal.js';
import { measureTrial, type TrialMeasures } from '../../measure/trial-measures.js';
import type { Millis } from '../../scenario/model.js';

export interface ReportTrial extends TrialMeasures {
  /** t0 of the measures: fault onset, or the release start when v2 never served (ms since trial start). */
  readonly referenceMs: Millis;
  /** When the first `detected` event happened (ms since trial start); null when never. */
  readonly detectedAtMs: Millis | null;
}

/** Re-measures one journal. */
export function reportTrial(journal: JournalData): ReportTrial {
  const measures = measureTrial(journal);
  const detected = journal.events.find((e) => e.type === 'detected');
  return {
    ...measures,
    referenceMs: measures.onsetMs ?? journal.header.releaseAt,
    detectedAtMs: detected ? detected.t : null,
  };
}

/** The measures of a trial without the report's own extra fields (what results.json keeps). */
export function measuresOnly(t: ReportTrial): TrialMeasures {
  const { referenceMs: _reference, detectedAtMs: _detectedAt, ...measures } = t;
  return measures;
}
