/**
 * Calls of functions over instant vectors and scalars, following Prometheus 2.42: value
 * transforms drop the metric name; `timestamp(x)` reads the sample's own time when its
 * argument is a selector; `absent` invents labels from the selector's equality matchers;
 * `sort`/`sort_desc` order by value with NaN last.
 */
import type { LabelSet } from '../../../metrics/label-set.js';
import { PromQLError } from '../errors.js';
import type { EvalContext } from './context.js';
import { goLog2, goLog10 } from './go-math.js';
import type { ScalarNode, VectorNode } from './nodes.js';
import type { Runtime } from './runtime.js';
import { assertUniqueLabels } from './unique.js';
import { Vec } from './vector.js';

/** The one-argument value transforms (abs, ln, …). */
export const MATH_FUNCTIONS: Readonly<Record<string, (x: number) => number>> = {
  abs: Math.abs,
  ceil: Math.ceil,
  floor: Math.floor,
  exp: Math.exp,
  sqrt: Math.sqrt,
  ln: Math.log,
  log2: goLog2,
  log10: goLog10,
  sin: Math.sin,
  cos: Math.cos,
  tan: Math.tan,
  asin: Math.asin,
  acos: Math.acos,
  atan: Math.atan,
  sinh: Math.sinh,
  cosh: Math.cosh,
  tanh: Math.tanh,
  asinh: Math.asinh,
  acosh: Math.acosh,
  atanh: Math.atanh,
  rad: (x) => (x * Math.PI) / 180,
  deg: (x) => (x * 180) / Math.PI,
  sgn: (x) => (x < 0 ? -1 : x > 0 ? 1 : x),
};

/**
 * A per-sample transform whose parameters are scalars evaluated once per step: the math
 * functions, clamp, clamp_min, clamp_max and round. `keep` false drops the whole result
 * (clamp with max < min).
 */
export class TransformNode implements VectorNode {
  readonly type = 'vector';
  private readonly rt: Runtime;
  private readonly arg: VectorNode;
  private readonly params: readonly ScalarNode[];
  private readonly make: (p: readonly number[]) => ((x: number) => number) | null;
  private readonly out = new Vec();
  private readonly values: number[] = [];

  constructor(
    rt: Runtime,
    arg: VectorNode,
    params: readonly ScalarNode[],
    make: (p: readonly number[]) => ((x: number) => number) | null,
  ) {
    this.rt = rt;
    this.arg = arg;
    this.params = params;
    this.make = make;
  }

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    const vec = this.arg.eval(ctx);
    for (let i = 0; i < this.params.length; i++) this.values[i] = this.params[i].eval(ctx);
    const f = this.make(this.values);
    if (f === null) return out;
    const labels = this.rt.labels;
    for (let i = 0; i < vec.n; i++) out.push(labels.withoutName(vec.ls[i]), f(vec.v[i]));
    assertUniqueLabels(out);
    return out;
  }
}

/** clamp(v, min, max): nothing at all when max < min. */
export function clampOf(p: readonly number[]): ((x: number) => number) | null {
  const [min, max] = p;
  return max < min ? null : (x) => Math.max(min, Math.min(max, x));
}

/** round(v, to_nearest = 1): ties round up, via the inverse as Prometheus does. */
export function roundOf(p: readonly number[]): (x: number) => number {
  const inverse = 1 / (p.length > 0 ? p[0] : 1);
  return (x) => Math.floor(x * inverse + 0.5) / inverse;
}

/** timestamp(v): the sample's timestamp in seconds for selectors, else the evaluation time. */
export class TimestampNode implements VectorNode {
  readonly type = 'vector';
  private readonly out = new Vec();

  constructor(
    private readonly rt: Runtime,
    private readonly arg: VectorNode,
    private readonly fromSelector: boolean,
  ) {}

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    const vec = this.arg.eval(ctx);
    for (let i = 0; i < vec.n; i++) {
      const t = this.fromSelector ? vec.t[i] : ctx.t;
      out.push(this.rt.labels.withoutName(vec.ls[i]), t / 1000);
    }
    assertUniqueLabels(out);
    return out;
  }
}

/** absent(v): 1 with the given labels when v is empty, else nothing. */
export class AbsentNode implements VectorNode {
  readonly type = 'vector';
  private readonly out = new Vec();

  constructor(
    private readonly arg: VectorNode,
    private readonly labels: LabelSet,
  ) {}

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    if (this.arg.eval(ctx).n === 0) out.push(this.labels, 1);
    return out;
  }
}

/** scalar(v): the value of a one-element vector, else NaN. */
export class ScalarOfNode implements ScalarNode {
  readonly type = 'scalar';
  constructor(private readonly arg: VectorNode) {}

  eval(ctx: EvalContext): number {
    const vec = this.arg.eval(ctx);
    return vec.n === 1 ? vec.v[0] : Number.NaN;
  }
}

/** vector(s): one sample without labels. */
export class VectorOfNode implements VectorNode {
  readonly type = 'vector';
  private readonly out = new Vec();

  constructor(
    private readonly arg: ScalarNode,
    private readonly empty: LabelSet,
  ) {}

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    out.push(this.empty, this.arg.eval(ctx));
    return out;
  }
}

export class ConstantNode implements ScalarNode {
  readonly type = 'scalar';
  constructor(readonly value: number) {}

  eval(): number {
    return this.value;
  }
}

/** time(): the evaluation time in seconds. */
export class TimeNode implements ScalarNode {
  readonly type = 'scalar';
  eval(ctx: EvalContext): number {
    return ctx.t / 1000;
  }
}

const DATE_PARTS: Readonly<Record<string, (d: Date) => number>> = {
  days_in_month: (d) => new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).getUTCDate(),
  day_of_month: (d) => d.getUTCDate(),
  day_of_week: (d) => d.getUTCDay(),
  day_of_year: (d) => {
    const start = Date.UTC(d.getUTCFullYear(), 0, 1);
    return Math.floor((d.getTime() - start) / 86_400_000) + 1;
  },
  hour: (d) => d.getUTCHours(),
  minute: (d) => d.getUTCMinutes(),
  month: (d) => d.getUTCMonth() + 1,
  year: (d) => d.getUTCFullYear(),
};

/**
 * The date functions (UTC). Without an argument they read the evaluation time; with one,
 * each sample's value as Unix seconds (truncated), dropping the metric name.
 */
export class DateNode implements VectorNode {
  readonly type = 'vector';
  private readonly part: (d: Date) => number;
  private readonly out = new Vec();

  constructor(
    private readonly rt: Runtime,
    name: string,
    private readonly arg: VectorNode | null,
  ) {
    this.part = DATE_PARTS[name];
  }

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    if (this.arg === null) {
      out.push(this.rt.labels.empty, this.at(Math.trunc(ctx.t / 1000)));
      return out;
    }
    const vec = this.arg.eval(ctx);
    for (let i = 0; i < vec.n; i++)
      out.push(this.rt.labels.withoutName(vec.ls[i]), this.at(Math.trunc(vec.v[i])));
    assertUniqueLabels(out);
    return out;
  }

  private at(seconds: number): number {
    if (!Number.isFinite(seconds)) return Number.NaN;
    return this.part(new Date(seconds * 1000));
  }
}

/** sort / sort_desc: stable by value, NaN last either way; labels kept. */
export class SortNode implements VectorNode {
  readonly type = 'vector';
  private readonly out = new Vec();
  private order: number[] = [];

  constructor(
    private readonly arg: VectorNode,
    private readonly descending: boolean,
  ) {}

  eval(ctx: EvalContext): Vec {
    const vec = this.arg.eval(ctx);
    const out = this.out.reset();
    this.order.length = 0;
    for (let i = 0; i < vec.n; i++) this.order.push(i);
    const sign = this.descending ? -1 : 1;
    this.order.sort((a, b) => {
      const x = vec.v[a];
      const y = vec.v[b];
      if (Number.isNaN(x)) return Number.isNaN(y) ? 0 : 1;
      if (Number.isNaN(y)) return -1;
      return x < y ? -sign : x > y ? sign : 0;
    });
    for (const i of this.order) out.push(vec.ls[i], vec.v[i], vec.t[i]);
    return out;
  }
}

/** Checks a label name as `label_replace`/`label_join` do at evaluation. */
export function checkLabelName(name: string, fn: string, role: string): void {
  if (!/^[a-zA-Z_][a-zA-Z0-9_]*$/.test(name)) {
    throw new PromQLError(`invalid ${role} label name in ${fn}(): ${name}`);
  }
}
