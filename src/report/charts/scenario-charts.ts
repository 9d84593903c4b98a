/**
 * The charts of one scenario, rendered to SVG: detection survival curves (fault
 * scenarios), rollback-time distributions (fault scenarios), blast radius per strategy,
 * and one representative trial's timeline.
 */
import type { JournalData } from '../../journal/journal.js';
import type { ScenarioCell } from '../comparisons/scenario-comparisons.js';
import type { RepresentativeChoice } from '../representative-trial.js';
import { detectionSample, rollbackSample } from '../statistics/samples.js';
import { formatCount, formatMs } from '../text/numbers.js';
import { type StripPoint, stripChartSpec } from './strip-chart.js';
import { survivalChartSpec } from './survival-chart.js';
import { timelineChartSpec } from './timeline-chart.js';
import { timelineData } from './timeline-data.js';
import { renderSvg } from './vega-svg.js';

export interface Chart {
  /** Unique in the page: `<scenario>-<kind>`. */
  readonly id: string;
  readonly kind: 'detection' | 'rollback' | 'blast-radius' | 'timeline';
  readonly title: string;
  /** One or two sentences on how to read it. */
  readonly caption: string;
  readonly svg: string;
}

/** A strategy as the charts name it, with the n its marks rest on. */
function withN(strategy: string, n: number): string {
  return `${strategy} (n = ${n})`;
}

/** Every chart of a scenario. `timeline` is the representative trial with its journal, if any. */
export async function scenarioCharts(
  scenario: string,
  cells: readonly ScenarioCell[],
  timeline: { readonly choice: RepresentativeChoice; readonly journal: JournalData } | null,
): Promise<Chart[]> {
  const fault = cells.length > 0 && cells[0].input.faultType !== 'none';
  const charts: Chart[] = [];
  const add = async (
    kind: Chart['kind'],
    title: string,
    caption: string,
    spec: Parameters<typeof renderSvg>[0],
  ) => {
    const id = `${scenario}-${kind}`;
    charts.push({ id, kind, title, caption, svg: await renderSvg(spec, id) });
  };

  if (fault) {
    await add(
      'detection',
      'Detection time (Kaplan–Meier)',
      'Share of trials in which the fault was not yet detected, by minutes since onset, with 95% bands. A cross marks a trial that was never detected while it was watched (censored); a curve that stays high never detects. The median is where a curve crosses the dashed line.',
      survivalChartSpec(
        cells.map((c) => ({
          strategy: withN(c.input.strategy, c.input.trials.length),
          sample: detectionSample(c.input.trials),
        })),
        'Fault not yet detected',
      ),
    );
    const rollbackLabels = cells.map((c) =>
      withN(c.input.strategy, rollbackSample(c.input.trials).times.length),
    );
    const rollbackPoints: StripPoint[] = cells.flatMap((c, k) => {
      const sample = rollbackSample(c.input.trials);
      const detected = c.input.trials.filter((t) => t.detected && t.detectedAtMs !== null);
      return sample.times.map((ms, i) => ({
        strategy: rollbackLabels[k],
        trial: detected[i].trial,
        value: ms / 1000,
        kind: sample.events[i] ? 'back to normal' : 'not back to normal by the end (censored)',
      }));
    });
    await add(
      'rollback',
      'Rollback time',
      'One mark per detected trial: from detection until at least 99% of requests are on v1 and failures are back in the baseline band. Open triangles never got there while watched (censored at the end). The black tick is the Kaplan–Meier median.',
      stripChartSpec(rollbackPoints, {
        title: 'Rollback time per trial',
        xTitle: 'seconds from detection to users back to normal (symlog scale)',
        strategies: rollbackLabels,
        medians: cells.map((c, k) => {
          const m = c.statistics.rollback?.time?.median.estimate ?? null;
          return {
            strategy: rollbackLabels[k],
            value: m === null ? null : m / 1000,
            label: m === null ? '' : formatMs(m),
          };
        }),
        kinds: [
          { kind: 'back to normal', shape: 'circle', filled: true },
          { kind: 'not back to normal by the end (censored)', shape: 'triangle-right', filled: false },
        ],
        format: ',d',
      }),
    );
  }
  const blastLabels = cells.map((c) => withN(c.input.strategy, c.input.trials.length));
  await add(
    'blast-radius',
    'Blast radius',
    'One dot per trial: requests that failed because of the release (client-observed, above what the baseline error rate explains). The black tick is the median.',
    stripChartSpec(
      cells.flatMap((c, k) =>
        c.input.trials.map((t) => ({
          strategy: blastLabels[k],
          trial: t.trial,
          value: t.failedAboveBaseline,
          kind: 'trial',
        })),
      ),
      {
        title: 'Failed requests above baseline, per trial',
        xTitle: 'failed requests above baseline (symlog scale)',
        strategies: blastLabels,
        medians: cells.map((c, k) => {
          const m = c.statistics.blastRadius.failedRequests.median.estimate;
          return { strategy: blastLabels[k], value: m, label: m === null ? '' : formatCount(m) };
        }),
        kinds: [{ kind: 'trial', shape: 'circle', filled: true }],
        format: ',d',
      },
    ),
  );
  if (timeline) {
    const { choice, journal } = timeline;
    await add(
      'timeline',
      `One trial: ${choice.cell.input.strategy}, trial ${choice.trial.trial}`,
      `A representative trial (${choice.reason}) of ${choice.cell.input.strategy}: traffic share, client-observed failure rate and worst per-second p99 latency of each version in 10-second bins, every analysis measurement and alert change, and the moments that matter (dashed lines).`,
      timelineChartSpec(
        timelineData(journal, choice.trial),
        `${choice.cell.input.strategy}, trial ${choice.trial.trial}`,
      ),
    );
  }
  return charts;
}
