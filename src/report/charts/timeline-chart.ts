/**
 * One trial as a timeline: four panels over the same time axis — traffic share per
 * version, client-observed error rate per version, worst per-second p99 latency per
 * version, and the analysis measurements and alert changes — with the moments that
 * matter drawn across all of them.
 */
import type { TopLevelSpec } from 'vega-lite';
import { MIRRORED, type TimelineData, type TimelineMoment, V1, V2 } from './timeline-data.js';

const WIDTH = 720;
const VERSION_COLORS: Record<string, string> = { [V1]: '#4c78a8', [V2]: '#e45756', [MIRRORED]: '#f2a39e' };

/** The version colours, for the series present (so the legend lists only those). */
function versionColors(series: readonly string[]): { domain: string[]; range: string[] } {
  const present = [V1, V2, MIRRORED].filter((v) => series.includes(v));
  return { domain: present, range: present.map((v) => VERSION_COLORS[v]) };
}
const PHASE_COLORS = {
  domain: ['Successful', 'Failed', 'Error', 'Inconclusive', 'pending', 'firing', 'inactive'],
  range: ['#54a24b', '#e45756', '#f58518', '#9d755d', '#eeca3b', '#b10026', '#bab0ac'],
};

function momentLayers(moments: readonly TimelineMoment[], withLabels: boolean): object[] {
  const x = { field: 't', type: 'quantitative' };
  const layers: object[] = [
    {
      data: { values: moments },
      mark: { type: 'rule', color: '#555', strokeDash: [3, 3], aria: false },
      encoding: { x },
    },
  ];
  if (withLabels) {
    layers.push({
      data: { values: moments.map((m, i) => ({ ...m, row: i % 3 })) },
      mark: { type: 'text', align: 'left', dx: 3, fontSize: 10, color: '#333', baseline: 'top', aria: false },
      encoding: {
        x,
        y: { field: 'row', type: 'quantitative', scale: { domain: [0, 6], reverse: true }, axis: null },
        text: { field: 'label' },
      },
    });
  }
  return layers;
}

function seriesPanel(
  values: readonly { readonly series: string }[],
  moments: readonly TimelineMoment[],
  yTitle: string,
  format: string,
  domain: readonly [number, number],
  height: number,
  labels: boolean,
  series: readonly string[],
): object {
  return {
    width: WIDTH,
    height,
    layer: [
      {
        data: { values },
        mark: { type: 'line', strokeWidth: 1.5, interpolate: 'step-after', aria: false },
        encoding: {
          x: {
            field: 't',
            type: 'quantitative',
            title: null,
            scale: { domain: [...domain], nice: false },
            axis: { labels: false, ticks: false },
          },
          y: { field: 'value', type: 'quantitative', title: yTitle, axis: { format } },
          color: {
            field: 'series',
            type: 'nominal',
            scale: versionColors(series),
            title: 'version',
            legend: { titleLimit: 400 },
          },
        },
      },
      ...momentLayers(moments, labels),
    ],
    resolve: labels ? { scale: { y: 'independent' } } : undefined,
  };
}

/** The Vega-Lite spec of a trial's timeline. */
export function timelineChartSpec(data: TimelineData, title: string): TopLevelSpec {
  const domain: [number, number] = [data.fromMinutes, data.toMinutes];
  const rows = [...new Set(data.marks.map((m) => m.row))];
  const series = [...new Set([...data.share, ...data.errorRate, ...data.p99].map((p) => p.series))];
  const marksPanel = {
    width: WIDTH,
    height: Math.max(24, 22 * rows.length),
    layer: [
      {
        data: { values: data.marks },
        mark: { type: 'point', filled: true, size: 30, shape: 'diamond', aria: false },
        encoding: {
          x: {
            field: 't',
            type: 'quantitative',
            title: 'minutes since the release started',
            scale: { domain, nice: false },
          },
          y: { field: 'row', type: 'nominal', title: null, scale: { domain: rows } },
          color: {
            field: 'phase',
            type: 'nominal',
            scale: PHASE_COLORS,
            title: 'analysis measurements and alerts',
            legend: { titleLimit: 400 },
          },
        },
      },
      ...momentLayers(data.moments, false),
    ],
  };
  return {
    title,
    vconcat: [
      {
        vconcat: [
          seriesPanel(data.share, data.moments, 'share of requests', '.0%', domain, 110, true, series),
          seriesPanel(data.errorRate, data.moments, 'failed requests', '.1%', domain, 110, false, series),
          seriesPanel(data.p99, data.moments, 'p99 latency (ms)', ',d', domain, 110, false, series),
        ],
        spacing: 6,
      },
      marksPanel,
    ],
    resolve: { scale: { color: 'independent' }, legend: { color: 'independent' } },
    spacing: 6,
  } as TopLevelSpec;
}
