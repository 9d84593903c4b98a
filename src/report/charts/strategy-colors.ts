/** The same colour for a strategy in every chart of a scenario: Vega's tableau10, in the scenario's order. */
const PALETTE = [
  '#4c78a8',
  '#f58518',
  '#e45756',
  '#72b7b2',
  '#54a24b',
  '#eeca3b',
  '#b279a2',
  '#ff9da6',
  '#9d755d',
  '#bab0ac',
];

/** A Vega-Lite color scale for these strategies, in this order. */
export function strategyColorScale(strategies: readonly string[]): { domain: string[]; range: string[] } {
  return { domain: [...strategies], range: strategies.map((_, i) => PALETTE[i % PALETTE.length]) };
}
