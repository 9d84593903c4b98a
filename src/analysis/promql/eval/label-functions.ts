/**
 * label_replace and label_join. Both keep the metric name and other labels, set (or,
 * with an empty result, remove) the destination label, and remember their answer per
 * input label set.
 */
import type { LabelSet } from '../../../metrics/label-set.js';
import { compileAnchoredRegex } from '../regex.js';
import type { EvalContext } from './context.js';
import { checkLabelName } from './instant-call.js';
import type { VectorNode } from './nodes.js';
import type { Runtime } from './runtime.js';
import { assertUniqueLabels } from './unique.js';
import { Vec } from './vector.js';

/**
 * Go's `Regexp.ExpandString`: `$1`, `${1}`, `$name`, `${name}` (a name being the longest
 * run of letters, digits and `_`; `$1x` is the group named "1x"), `$$` for `$`; unknown
 * groups expand to nothing and a malformed `$` stays literal.
 */
export function expandTemplate(template: string, m: RegExpExecArray): string {
  let out = '';
  let rest = template;
  for (;;) {
    const dollar = rest.indexOf('$');
    if (dollar < 0) break;
    out += rest.slice(0, dollar);
    rest = rest.slice(dollar + 1);
    if (rest.startsWith('$')) {
      out += '$';
      rest = rest.slice(1);
      continue;
    }
    const brace = rest.startsWith('{');
    const body = brace ? rest.slice(1) : rest;
    const name = /^[\p{L}\p{Nd}_]*/u.exec(body)![0];
    if (name === '' || (brace && body[name.length] !== '}')) {
      out += '$';
      continue;
    }
    rest = body.slice(name.length + (brace ? 1 : 0));
    const isNumber = /^\d+$/.test(name) && !(name.length > 1 && name[0] === '0') && name.length <= 8;
    if (isNumber) out += m[Number(name)] ?? '';
    else out += m.groups?.[name] ?? '';
  }
  return out + rest;
}

export class LabelReplaceNode implements VectorNode {
  readonly type = 'vector';
  private readonly re: RegExp;
  private readonly cache = new Map<LabelSet, LabelSet>();
  private readonly out = new Vec();

  constructor(
    private readonly rt: Runtime,
    private readonly arg: VectorNode,
    private readonly dst: string,
    private readonly replacement: string,
    private readonly src: string,
    regex: string,
  ) {
    this.re = compileAnchoredRegex(regex, rt.options.dotMatchesNewline);
    checkLabelName(dst, 'label_replace', 'destination');
  }

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    const vec = this.arg.eval(ctx);
    for (let i = 0; i < vec.n; i++) out.push(this.relabel(vec.ls[i]), vec.v[i]);
    assertUniqueLabels(out);
    return out;
  }

  private relabel(ls: LabelSet): LabelSet {
    let res = this.cache.get(ls);
    if (res === undefined) {
      const m = this.re.exec(ls.get(this.src));
      res = m === null ? ls : this.rt.labels.with(ls, this.dst, expandTemplate(this.replacement, m));
      this.cache.set(ls, res);
    }
    return res;
  }
}

export class LabelJoinNode implements VectorNode {
  readonly type = 'vector';
  private readonly cache = new Map<LabelSet, LabelSet>();
  private readonly out = new Vec();

  constructor(
    private readonly rt: Runtime,
    private readonly arg: VectorNode,
    private readonly dst: string,
    private readonly separator: string,
    private readonly srcs: readonly string[],
  ) {
    for (const s of srcs) checkLabelName(s, 'label_join', 'source');
    checkLabelName(dst, 'label_join', 'destination');
  }

  eval(ctx: EvalContext): Vec {
    const out = this.out.reset();
    const vec = this.arg.eval(ctx);
    for (let i = 0; i < vec.n; i++) {
      const ls = vec.ls[i];
      let res = this.cache.get(ls);
      if (res === undefined) {
        const joined = this.srcs.map((s) => ls.get(s)).join(this.separator);
        res = this.rt.labels.with(ls, this.dst, joined);
        this.cache.set(ls, res);
      }
      out.push(res, vec.v[i]);
    }
    assertUniqueLabels(out);
    return out;
  }
}
