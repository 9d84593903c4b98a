/**
 * Instant selectors over the store: each matching series' latest sample at or before the
 * evaluation time (minus offset), unless it is older than the lookback delta or is a
 * staleness marker. (Range selectors: selector-range.ts.)
 */
import type { Selection } from '../../../metrics/selection.js';
import type { VectorSelector } from '../ast.js';
import type { EvalContext } from './context.js';
import type { VectorNode } from './nodes.js';
import { baseTime, type Runtime } from './runtime.js';
import { Vec } from './vector.js';

export class SelectorNode implements VectorNode {
  readonly type = 'vector';
  readonly ast: VectorSelector;
  private readonly rt: Runtime;
  private readonly selection: Selection;
  private readonly out = new Vec();

  constructor(rt: Runtime, ast: VectorSelector) {
    this.rt = rt;
    this.ast = ast;
    this.selection = rt.store.select(ast.matchers);
  }

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    const refTime = baseTime(this.ast.at, ctx) - this.ast.offsetMs;
    const oldest = refTime - this.rt.options.lookbackMs;
    const leftOpen = this.rt.options.leftOpen;
    const series = this.selection.series;
    for (let i = 0; i < series.length; i++) {
      const s = series[i];
      const j = s.lastAtOrBefore(refTime);
      if (j < 0) continue;
      const t = s.t[j];
      if (leftOpen ? t <= oldest : t < oldest) continue;
      if (s.stale !== null && s.stale[j] === 1) continue;
      out.push(s.labelSet, s.v[j], t);
    }
    return out;
  }
}
