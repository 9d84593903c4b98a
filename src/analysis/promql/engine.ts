/**
 * The lab's PromQL engine: instant and range queries over one {@link SeriesStore}, with
 * Prometheus 2.42's semantics by default (the Prometheus these machines run), or
 * Prometheus 3's window rules on request.
 *
 * Each expression is parsed once (a process-wide cache) and compiled once per engine into
 * nodes with reusable buffers, so repeated evaluation allocates little. An engine belongs
 * to one store and is not re-entrant: evaluate one query at a time. It may outlive the
 * store's resets (a simulating thread keeps one per scenario, trial after trial): what
 * its nodes keep between evaluations is keyed by label set or series ref, or dropped when
 * a selection is emptied.
 */

import type { LabelSet } from '../../metrics/label-set.js';
import { compareLabelSets } from '../../metrics/label-set.js';
import type { SeriesStore } from '../../metrics/series-store.js';
import type { Millis } from '../../scenario/model.js';
import type { InstantQuery, Labels, QueryValue, RangeQuery } from '../types.js';
import { unwrapParens } from './ast.js';
import { PromQLError } from './errors.js';
import type { EvalContext } from './eval/context.js';
import type { Node } from './eval/nodes.js';
import { plan } from './eval/plan.js';
import { Runtime } from './eval/runtime.js';
import { documentedType } from './functions.js';
import { parsePromQL } from './parse.js';

export type PromQLDialect = 'prometheus-2' | 'prometheus-3';

export interface PromQLEngineOptions {
  /**
   * `prometheus-2` (default): Prometheus 2.42 (Debian 12's, checked with its promtool) —
   * range windows, subquery windows and the lookback include their lower bound
   * ([t − range, t]); rate's zero-point clamp is applied before the 1.1× extrapolation
   * threshold; regex `.` does not match `\n`.
   * `prometheus-3`: those windows exclude their lower bound ((t − range, t], 3.0), the
   * clamp comes after the threshold (2.51, #13725), `.` matches `\n` (3.0). Other 3.x
   * changes (Kahan summation in sum and avg, the newer functions) are not modelled.
   */
  readonly dialect?: PromQLDialect;
  /** How far back an instant selector looks for a sample, ms. Default 5 minutes. */
  readonly lookbackDeltaMs?: Millis;
  /** Subquery resolution when a subquery gives none (`x[5m:]`), ms. Default 1 minute. */
  readonly defaultSubqueryStepMs?: Millis;
}

/** Prometheus's API limit on points per series in a range query. */
const MAX_POINTS = 11_000;

export class PromQLEngine implements InstantQuery, RangeQuery {
  private readonly rt: Runtime;
  private readonly plans = new Map<string, { node: Node; ordered: boolean }>();
  private readonly dotMatchesNewline: boolean;

  constructor(store: SeriesStore, options: PromQLEngineOptions = {}) {
    const v3 = options.dialect === 'prometheus-3';
    this.dotMatchesNewline = v3;
    this.rt = new Runtime(store, {
      lookbackMs: options.lookbackDeltaMs ?? 5 * 60_000,
      leftOpen: v3,
      dotMatchesNewline: v3,
      subqueryStepMs: options.defaultSubqueryStepMs ?? 60_000,
      kernel: { zeroClampFirst: !v3 },
    });
  }

  /**
   * Evaluates `expr` at `at` ms. A vector comes back sorted by labels (Prometheus's label
   * order), except when the outermost operation orders it: `sort`, `sort_desc`, `topk`,
   * `bottomk` keep their order. A scalar comes back as a scalar. Throws a PromQLError for
   * invalid expressions, expressions whose result is a range vector or a string, and
   * evaluation errors.
   */
  instant(expr: string, at: Millis): QueryValue {
    const { node, ordered } = this.compile(expr);
    const ctx = this.rt.queryContext(at, at, at);
    if (node.type === 'scalar') return { kind: 'scalar', value: node.eval(ctx) };
    if (node.type !== 'vector') {
      throw new PromQLError(
        `the lab's instant queries return scalars and instant vectors, not ${documentedType(node.type)}s`,
      );
    }
    const vec = node.eval(ctx);
    if (ordered || vec.n < 2) {
      // Already in order (or nothing to order): the samples as they are.
      const samples: { labels: Labels; value: number }[] = [];
      for (let i = 0; i < vec.n; i++) samples.push({ labels: vec.ls[i].labels, value: vec.v[i] });
      return { kind: 'vector', samples };
    }
    const order: number[] = [];
    for (let i = 0; i < vec.n; i++) order.push(i);
    order.sort((a, b) => compareLabelSets(vec.ls[a], vec.ls[b]));
    return { kind: 'vector', samples: order.map((i) => ({ labels: vec.ls[i].labels, value: vec.v[i] })) };
  }

  /**
   * Evaluates `expr` at start, start + step, … ≤ end (ms), as Prometheus's range query:
   * one series per label set (a scalar gives one series with no labels), sorted by
   * labels, each with the points where it had a value.
   */
  range(
    expr: string,
    start: Millis,
    end: Millis,
    step: Millis,
  ): readonly {
    readonly labels: Labels;
    readonly points: readonly { readonly t: Millis; readonly value: number }[];
  }[] {
    if (!(step > 0)) {
      throw new PromQLError(
        'zero or negative query resolution step widths are not accepted. Try a positive integer',
      );
    }
    if (end < start) throw new PromQLError('end timestamp must not be before start time');
    if ((end - start) / step > MAX_POINTS) {
      throw new PromQLError(
        'exceeded maximum resolution of 11,000 points per timeseries. Try decreasing the query resolution (?step=XX)',
      );
    }
    const { node } = this.compile(expr);
    if (node.type !== 'scalar' && node.type !== 'vector') {
      throw new PromQLError(
        `invalid expression type "${documentedType(node.type)}" for range query, must be Scalar or instant Vector`,
      );
    }
    const series = new Map<LabelSet, { t: Millis; value: number }[]>();
    let ctx: EvalContext | null = null;
    for (let t = start; t <= end; t += step) {
      ctx = ctx === null ? this.rt.queryContext(t, start, end) : this.rt.stepContext(ctx, t);
      if (node.type === 'scalar') {
        this.point(series, this.rt.labels.empty, t, node.eval(ctx));
        continue;
      }
      const vec = node.eval(ctx);
      for (let i = 0; i < vec.n; i++) this.point(series, vec.ls[i], t, vec.v[i]);
    }
    return [...series.entries()]
      .sort((a, b) => compareLabelSets(a[0], b[0]))
      .map(([ls, points]) => ({ labels: ls.labels, points }));
  }

  private point(
    series: Map<LabelSet, { t: Millis; value: number }[]>,
    ls: LabelSet,
    t: Millis,
    value: number,
  ): void {
    let points = series.get(ls);
    if (points === undefined) {
      points = [];
      series.set(ls, points);
    }
    points.push({ t, value });
  }

  private compile(expr: string): { node: Node; ordered: boolean } {
    let compiled = this.plans.get(expr);
    if (compiled === undefined) {
      const ast = parsePromQL(expr, { dotMatchesNewline: this.dotMatchesNewline });
      const top = unwrapParens(ast);
      const ordered =
        (top.kind === 'call' && (top.fn.name === 'sort' || top.fn.name === 'sort_desc')) ||
        (top.kind === 'aggregate' && (top.op === 'topk' || top.op === 'bottomk'));
      compiled = { node: plan(this.rt, ast), ordered };
      this.plans.set(expr, compiled);
    }
    return compiled;
  }
}
