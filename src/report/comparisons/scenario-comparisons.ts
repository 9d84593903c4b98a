/**
 * Every comparison between the strategies of one scenario, Holm-corrected together:
 * fault scenarios compare detection times (log-rank), rollback times (Mann-Whitney with
 * the Hodges–Lehmann shift, or log-rank when some rollbacks never finished), blast radius
 * (Mann-Whitney) and escapes (Fisher); control scenarios compare false rollbacks (Fisher)
 * and blast radius. Pairs are taken in the scenario's strategy order, quantity by quantity.
 */
import { holmAdjust } from '../../stats/holm-adjust.js';
import type { CellInput } from '../input/run-dir.js';
import type { CellStatistics } from '../statistics/cell-statistics.js';
import { reportRng } from '../statistics/report-rng.js';
import { detectionSample, rollbackSample } from '../statistics/samples.js';
import type { CensoredTimes } from '../statistics/time-to-event.js';
import { compareCensored } from './compare-censored.js';
import { compareRates } from './compare-rates.js';
import { compareValues } from './compare-values.js';
import { ALPHA, type Comparison, type RawComparison } from './comparison.js';
import { kmMedianReplicates } from './median-difference.js';

export interface ScenarioCell {
  readonly input: CellInput;
  readonly statistics: CellStatistics;
}

function pairs<T>(items: readonly T[]): [T, T][] {
  const out: [T, T][] = [];
  for (let i = 0; i < items.length; i++)
    for (let j = i + 1; j < items.length; j++) out.push([items[i], items[j]]);
  return out;
}

/** Every comparison of a scenario's strategies, with Holm-adjusted p-values. */
export function scenarioComparisons(
  scenario: string,
  seed: number,
  cells: readonly ScenarioCell[],
): Comparison[] {
  const fault = cells.length > 0 && cells[0].input.faultType !== 'none';
  const withTrials = cells.filter((c) => c.input.trials.length > 0);
  const raw: RawComparison[] = [];

  const armsOf = (quantity: string, sampleOf: (c: ScenarioCell) => CensoredTimes) => {
    const arms = new Map<
      string,
      { strategy: string; sample: CensoredTimes; medianReplicates: Float64Array }
    >();
    for (const c of withTrials) {
      const sample = sampleOf(c);
      if (sample.times.length === 0) continue;
      const rng = reportRng(seed, scenario, c.input.strategy, quantity, 'medianDifference');
      arms.set(c.input.strategy, {
        strategy: c.input.strategy,
        sample,
        medianReplicates: kmMedianReplicates(sample, rng),
      });
    }
    return arms;
  };

  if (fault) {
    const detection = armsOf('detection', (c) => detectionSample(c.input.trials));
    for (const [a, b] of pairs(withTrials)) {
      raw.push(
        compareCensored('detection', detection.get(a.input.strategy)!, detection.get(b.input.strategy)!),
      );
    }
    const rollback = armsOf('rollback', (c) => rollbackSample(c.input.trials));
    for (const [a, b] of pairs(withTrials.filter((c) => rollback.has(c.input.strategy)))) {
      const armA = rollback.get(a.input.strategy)!;
      const armB = rollback.get(b.input.strategy)!;
      const censored = [armA, armB].some((arm) => arm.sample.events.includes(false));
      raw.push(
        censored
          ? compareCensored('rollback', armA, armB)
          : compareValues(
              'rollback',
              { strategy: armA.strategy, values: armA.sample.times },
              { strategy: armB.strategy, values: armB.sample.times },
            ),
      );
    }
  }
  for (const [a, b] of pairs(withTrials)) {
    raw.push(
      compareValues(
        'blastRadius',
        { strategy: a.input.strategy, values: a.input.trials.map((t) => t.failedAboveBaseline) },
        { strategy: b.input.strategy, values: b.input.trials.map((t) => t.failedAboveBaseline) },
      ),
    );
  }
  for (const [a, b] of pairs(withTrials)) {
    const quantity = fault ? 'escapes' : 'falseRollbacks';
    const rate = (c: ScenarioCell) => (fault ? c.statistics.escapes! : c.statistics.falseRollbacks!);
    raw.push(
      compareRates(
        quantity,
        { strategy: a.input.strategy, rate: rate(a) },
        { strategy: b.input.strategy, rate: rate(b) },
      ),
    );
  }

  const adjusted = holmAdjust(raw.map((c) => c.pValue));
  return raw.map(({ trialsForEffect, ...c }, i) => {
    const significant = adjusted[i] < ALPHA;
    return {
      ...c,
      pAdjusted: adjusted[i],
      significant,
      trialsNeeded: significant ? null : trialsForEffect(ALPHA / raw.length),
    };
  });
}
