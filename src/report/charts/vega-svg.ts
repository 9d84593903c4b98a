/**
 * Vega-Lite specs rendered to SVG in Node (vega + vega-lite, no browser, no canvas): text
 * widths are estimated, not measured, so the same spec gives the same bytes on every
 * machine. Element ids (clip paths, gradients) are renamed after the chart's id, so many
 * charts can share one HTML page and a chart's SVG never depends on what came before.
 */
import { parse, View } from 'vega';
import { compile, type TopLevelSpec } from 'vega-lite';

/** Vega-Lite's warnings go nowhere: the report's output is its files, not the console. */
const QUIET = {
  level: () => QUIET,
  error: () => QUIET,
  warn: () => QUIET,
  info: () => QUIET,
  debug: () => QUIET,
};

/** The look shared by every chart: system fonts, quiet axes. */
export const CHART_CONFIG = {
  font: 'system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  background: 'white',
  view: { stroke: '#ddd' },
  axis: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', gridColor: '#eee' },
  legend: { labelFontSize: 11, titleFontSize: 12, titleFontWeight: 'normal', orient: 'bottom' },
  title: { fontSize: 13, fontWeight: 'normal', anchor: 'start' },
} as const;

/**
 * Element ids renamed `<id>-1`, `<id>-2`, … in order of appearance: Vega numbers clip
 * paths with a counter that lives as long as the process, so its own ids depend on what
 * was rendered before.
 */
function renumberIds(svg: string, id: string): string {
  const names = new Map<string, string>();
  for (const [, name] of svg.matchAll(/\bid="([^"]+)"/g)) {
    if (!names.has(name)) names.set(name, `${id}-${names.size + 1}`);
  }
  const rename = (name: string) => names.get(name) ?? name;
  return svg
    .replace(/\bid="([^"]+)"/g, (_, name: string) => `id="${rename(name)}"`)
    .replace(/url\(#([^)]+)\)/g, (_, name: string) => `url(#${rename(name)})`)
    .replace(/href="#([^"]+)"/g, (_, name: string) => `href="#${rename(name)}"`);
}

/** Positions in transforms to 2 decimals (1/100 px): Vega writes them with 16 digits. */
function roundTransforms(svg: string): string {
  return svg.replace(/transform="([^"]*)"/g, (_, value: string) => {
    const rounded = value.replace(/-?\d+\.\d{3,}/g, (n) => String(Number(Number(n).toFixed(2))));
    return `transform="${rounded}"`;
  });
}

/** The SVG of a Vega-Lite spec; `id` (letters, digits, dashes) prefixes its element ids. */
export async function renderSvg(spec: TopLevelSpec, id: string): Promise<string> {
  const compiled = compile({ ...spec, config: { ...CHART_CONFIG, ...(spec.config ?? {}) } } as TopLevelSpec, {
    logger: QUIET as never,
  });
  const view = new View(parse(compiled.spec), { renderer: 'none', logLevel: 0 });
  try {
    return roundTransforms(renumberIds(await view.toSVG(), id));
  } finally {
    view.finalize();
  }
}
