/**
 * Kaplan–Meier curves of detection time, one per strategy: the share of trials in which
 * the fault was not yet detected, t minutes after onset, with its 95% band; censored
 * trials (never detected while watched) are marked where they left.
 */
import type { TopLevelSpec } from 'vega-lite';
import type { CensoredTimes } from '../statistics/time-to-event.js';
import { curveOf } from '../statistics/time-to-event.js';
import { strategyColorScale } from './strategy-colors.js';

const MINUTE = 60_000;
const round = (x: number, digits = 4) => Number(x.toFixed(digits));

export interface SurvivalRow {
  readonly strategy: string;
  /** Minutes since onset. */
  readonly t: number;
  readonly s: number;
  readonly lower: number;
  readonly upper: number;
}

/** Step points of each strategy's curve (from t = 0, S = 1, to its last observed time), and its censoring marks. */
export function survivalRows(
  arms: readonly { readonly strategy: string; readonly sample: CensoredTimes }[],
): { steps: SurvivalRow[]; censored: { strategy: string; t: number; s: number }[] } {
  const steps: SurvivalRow[] = [];
  const censored: { strategy: string; t: number; s: number }[] = [];
  for (const { strategy, sample } of arms) {
    if (sample.times.length === 0) continue;
    const curve = curveOf(sample);
    steps.push({ strategy, t: 0, s: 1, lower: 1, upper: 1 });
    curve.time.forEach((time, i) => {
      const s = curve.survival[i];
      const lower = Number.isNaN(curve.lower[i]) ? s : curve.lower[i];
      const upper = Number.isNaN(curve.upper[i]) ? s : curve.upper[i];
      steps.push({
        strategy,
        t: round(time / MINUTE),
        s: round(s),
        lower: round(lower),
        upper: round(upper),
      });
      if (curve.nCensor[i] > 0) censored.push({ strategy, t: round(time / MINUTE), s: round(s) });
    });
  }
  return { steps, censored };
}

/** The Vega-Lite spec of the detection survival chart. */
export function survivalChartSpec(
  arms: readonly { readonly strategy: string; readonly sample: CensoredTimes }[],
  title: string,
  yTitle = 'not yet detected',
  xTitle = 'minutes since fault onset',
): TopLevelSpec {
  const { steps, censored } = survivalRows(arms);
  const color = {
    field: 'strategy',
    type: 'nominal' as const,
    scale: strategyColorScale(arms.map((a) => a.strategy)),
    title: 'strategy',
    legend: { symbolType: 'stroke', symbolOpacity: 1, symbolStrokeWidth: 2.5, labelLimit: 300 },
  };
  const x = { field: 't', type: 'quantitative' as const, title: xTitle };
  const y = {
    field: 's',
    type: 'quantitative' as const,
    title: yTitle,
    scale: { domain: [0, 1] },
    axis: { format: '.0%' },
  };
  return {
    title,
    width: 640,
    height: 260,
    layer: [
      {
        data: { values: steps },
        mark: { type: 'area', interpolate: 'step-after', opacity: 0.12, aria: false },
        encoding: { x, y: { ...y, field: 'lower' }, y2: { field: 'upper' }, color },
      },
      {
        data: { values: steps },
        mark: { type: 'line', interpolate: 'step-after', strokeWidth: 2, aria: false },
        encoding: { x, y, color },
      },
      {
        data: { values: censored },
        mark: { type: 'point', shape: 'cross', size: 40, filled: true, aria: false },
        encoding: { x, y, color },
      },
      {
        data: { values: [{ half: 0.5 }] },
        mark: { type: 'rule', strokeDash: [4, 4], color: '#999' },
        encoding: { y: { field: 'half', type: 'quantitative' } },
      },
    ],
  } as TopLevelSpec;
}
