/**
 * One row per strategy, one dot per trial: the distribution of a per-trial value (rollback
 * time, failed requests) with the median marked. Dots are spread vertically by trial
 * number (not at random), so the chart is the same on every build. A symlog axis keeps 0
 * and 90,000 on one chart.
 */
import type { TopLevelSpec } from 'vega-lite';
import { strategyColorScale } from './strategy-colors.js';

export interface StripPoint {
  readonly strategy: string;
  readonly trial: number;
  readonly value: number;
  /** e.g. "recovered" / "not recovered by the end (censored)". */
  readonly kind: string;
}

export interface StripOptions {
  readonly title: string;
  readonly xTitle: string;
  readonly strategies: readonly string[];
  /** Per strategy: the median to mark (null: none), and a label for it. */
  readonly medians: readonly {
    readonly strategy: string;
    readonly value: number | null;
    readonly label: string;
  }[];
  /** Kinds in legend order with their shapes; the first is the usual one. */
  readonly kinds: readonly { readonly kind: string; readonly shape: string; readonly filled: boolean }[];
  /** d3 format of the axis labels, e.g. ',d' or '.2s'. */
  readonly format?: string;
}

/**
 * Axis values for a symlog scale from 0 past `max`: 0, then 1-2-5 steps when the data
 * span at most four decades, else 1-10-100 steps, up to the first step at or above `max`
 * (the end of the axis), so the labels stay readable and no mark sits on the edge.
 */
export function symlogTicks(max: number): number[] {
  const ticks = [0];
  const steps = max <= 10_000 ? [1, 2, 5] : [1];
  for (let decade = 1; ; decade *= 10) {
    for (const step of steps) {
      ticks.push(decade * step);
      if (decade * step > max) return ticks;
    }
  }
}

/** The Vega-Lite spec of a strip chart. */
export function stripChartSpec(points: readonly StripPoint[], options: StripOptions): TopLevelSpec {
  // Trials that would draw the same mark at the same place are drawn once (many rollbacks
  // take exactly the same time); the file stays small and the picture is the same.
  const seen = new Set<string>();
  const rows = points
    .map((p) => ({ strategy: p.strategy, value: p.value, kind: p.kind, jitter: (p.trial % 9) - 4 }))
    .filter((r) => {
      const key = `${r.strategy}\u0000${r.kind}\u0000${r.value}\u0000${r.jitter}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  const ticks = symlogTicks(Math.max(0, ...points.map((p) => p.value)));
  const y = {
    field: 'strategy',
    type: 'nominal' as const,
    title: null,
    scale: { domain: [...options.strategies] },
    sort: [...options.strategies],
    axis: { labelLimit: 300 },
  };
  const x = {
    field: 'value',
    type: 'quantitative' as const,
    title: options.xTitle,
    scale: { type: 'symlog' as const, domain: [0, ticks[ticks.length - 1]], nice: false },
    axis: {
      values: ticks,
      ...(options.format ? { format: options.format } : {}),
    },
  };
  return {
    title: options.title,
    width: 640,
    height: { step: 34 },
    layer: [
      // One layer per kind, so each has its own fill (filled dots, open censored marks).
      ...options.kinds.map((k) => ({
        data: { values: rows.filter((r) => r.kind === k.kind) },
        mark: {
          type: 'point',
          size: 28,
          opacity: 0.6,
          strokeWidth: 1.2,
          filled: k.filled,
          shape: k.shape,
          aria: false,
        },
        encoding: {
          x,
          y,
          yOffset: { field: 'jitter', type: 'quantitative', scale: { domain: [-6, 6] } },
          color: {
            field: 'strategy',
            type: 'nominal',
            scale: strategyColorScale(options.strategies),
            legend: null,
          },
          shape:
            options.kinds.length > 1
              ? {
                  field: 'kind',
                  type: 'nominal',
                  title: null,
                  legend: { labelLimit: 400 },
                  scale: {
                    domain: options.kinds.map((x) => x.kind),
                    range: options.kinds.map((x) => x.shape),
                  },
                }
              : undefined,
        },
      })),
      {
        data: { values: options.medians.filter((m) => m.value !== null) },
        mark: { type: 'tick', color: '#222', thickness: 2, size: 26, aria: false },
        encoding: {
          x: { ...x, field: 'value' },
          y,
          tooltip: { field: 'label', type: 'nominal' },
        },
      },
    ],
  } as TopLevelSpec;
}
