import type { TopLevelSpec } from 'vega-lite';
import { describe, expect, it } from 'vitest';
import { symlogTicks } from './strip-chart.js';
import { renderSvg } from './vega-svg.js';

const SPEC = {
  data: {
    values: [
      { x: 1, y: 2 },
      { x: 2, y: 3 },
      { x: 3, y: 1 },
    ],
  },
  mark: { type: 'line', clip: true },
  encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
  width: 200,
  height: 100,
} as TopLevelSpec;

describe('renderSvg', () => {
  it('renders a Vega-Lite spec to the same SVG every time', async () => {
    const a = await renderSvg(SPEC, 'one');
    expect(a.startsWith('<svg')).toBe(true);
    expect(a).toContain('mark-line');
    // Vega's own clip-path ids count up for the life of the process; ours do not.
    expect(await renderSvg(SPEC, 'one')).toBe(a);
    expect(a).toContain('clip-path="url(#one-1)"');
  });

  it("names element ids after the chart's id, so charts can share a page", async () => {
    const svg = await renderSvg(SPEC, 'chart-a');
    const ids = [...svg.matchAll(/\bid="([^"]+)"/g)].map((m) => m[1]);
    expect(ids.length).toBeGreaterThan(0);
    for (const id of ids) expect(id.startsWith('chart-a-')).toBe(true);
    for (const [, ref] of svg.matchAll(/url\(#([^)]+)\)/g)) expect(ids).toContain(ref);
  });

  it('references nothing outside the SVG', async () => {
    const svg = await renderSvg(SPEC, 'x');
    expect(svg).not.toMatch(/href="(?!#)|<image|<script/);
  });
});

describe('symlogTicks', () => {
  it('gives 1-2-5 steps for small ranges and decades for large ones, ending past the largest value', () => {
    expect(symlogTicks(60)).toEqual([0, 1, 2, 5, 10, 20, 50, 100]);
    expect(symlogTicks(30)).toEqual([0, 1, 2, 5, 10, 20, 50]);
    expect(symlogTicks(0)).toEqual([0, 1]);
    expect(symlogTicks(90_000)).toEqual([0, 1, 10, 100, 1000, 10_000, 100_000]);
  });
});
