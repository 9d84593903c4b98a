/**
 * The distribution of a second's latency quantile, worked out once per request count and
 * then drawn with one uniform (Walker's alias method).
 *
 * When a second's requests all have one latency distribution (no delayed class, nothing
 * of known bucket such as timeouts), the client's q-quantile of that second is a function
 * of the request count n and the draw of their buckets only. tailQuantile draws it from
 * the top bucket down to the rank's; this follows the same steps for every possible draw
 * at once: the states are how many requests lie above the current bucket (at most
 * n − rank of them before the rank is crossed), each bucket's count is a binomial of what
 * is left, and a count that crosses the rank ends in the value withinBucketMs gives. The
 * values and their probabilities are exact to floating-point rounding (binomial terms
 * below 1e-18 of their largest are left out: mass far below one draw in 10¹⁵).
 *
 * A request count's table is built the first time it is asked for (tens of microseconds at
 * a few hundred requests) and kept; counts above MAX_N are left to tailQuantile.
 */
import type { Rng } from '../../stats/rng.js';
import { BUCKET_COUNT, withinBucketMs } from './latency.js';

/** Largest request count given a table (its cost grows as n² / 100). */
const MAX_N = 4096;
/** Binomial terms below this share of the largest are left out. */
const NEGLIGIBLE = 1e-18;

/**
 * A request count's outcomes as an alias table, a slot per outcome: slot i gives its own
 * value with probability keep, else its alias's value. Three numbers a slot, side by
 * side (keep, value, alias's value): a draw reads one cache line.
 */
type Slots = Float64Array;

export class QuantileDistributions {
  private readonly byN: (Slots | undefined)[] = [];
  /** P(bucket k | bucket ≤ k), 1 at the lowest bucket with mass. */
  private readonly topDown = new Float64Array(BUCKET_COUNT);
  private terms = new Float64Array(256);

  /** `probs`: each bucket's probability (summing to 1). */
  constructor(
    readonly q: number,
    probs: Float64Array,
  ) {
    let below = 0;
    for (let k = 0; k < BUCKET_COUNT; k++) {
      below += probs[k];
      this.topDown[k] = below > 0 ? Math.min(1, probs[k] / below) : 0;
    }
    const lowest = probs.findIndex((p) => p > 0);
    if (lowest >= 0) this.topDown[lowest] = 1;
  }

  /** Whether `draw` takes this request count. */
  covers(n: number): boolean {
    return n > 0 && n <= MAX_N && Number.isInteger(n);
  }

  /** The quantile (ms) of n requests' latencies, drawn with one uniform from `rng`. */
  draw(rng: Rng, n: number): number {
    let table = this.byN[n];
    if (table === undefined) {
      table = this.build(n);
      this.byN[n] = table;
    }
    // One uniform: its integer part picks the slot, its fraction (39 bits or more) decides.
    const x = rng.next() * (table.length / 3);
    const slot = Math.floor(x);
    const at = slot * 3;
    return x - slot < table[at] ? table[at + 1] : table[at + 2];
  }

  /**
   * The distribution `draw` draws from for n requests: each value's probability, read back
   * from its alias table (for tests and inspection).
   */
  probabilities(n: number): Map<number, number> {
    const slots = this.build(n);
    const m = slots.length / 3;
    const out = new Map<number, number>();
    const add = (value: number, p: number) => out.set(value, (out.get(value) ?? 0) + p / m);
    for (let at = 0; at < slots.length; at += 3) {
      add(slots[at + 1], slots[at]);
      add(slots[at + 2], 1 - slots[at]);
    }
    return out;
  }

  /** Every outcome of the top-down draw of n requests, with its probability. */
  private build(n: number): Slots {
    const rank = this.q * n;
    // A request count above the current bucket that has not crossed the rank: at most n − rank.
    const maxAbove = Math.max(0, Math.floor(n - rank));
    let states = new Float64Array(maxAbove + 1);
    let next = new Float64Array(maxAbove + 1);
    states[0] = 1;
    const values: number[] = [];
    const probs: number[] = [];
    for (let k = BUCKET_COUNT - 1; k >= 0; k--) {
      next.fill(0);
      const p = this.topDown[k];
      let any = false;
      for (let above = 0; above <= maxAbove; above++) {
        const weight = states[above];
        if (weight === 0) continue;
        const left = n - above;
        const [from, to] = this.binomialTerms(left, p);
        for (let c = from; c <= to; c++) {
          const w = weight * this.terms[c - from];
          if (w === 0) continue;
          const below = left - c;
          if (below < rank) {
            values.push(withinBucketMs(k, rank, below, c));
            probs.push(w);
          } else {
            next[above + c] += w;
            any = true;
          }
        }
      }
      [states, next] = [next, states];
      if (!any) break;
    }
    const { keep, alias } = aliasTable(probs);
    const slots = new Float64Array(3 * values.length);
    for (let i = 0; i < values.length; i++) {
      slots[3 * i] = keep[i];
      slots[3 * i + 1] = values[i];
      slots[3 * i + 2] = values[alias[i]];
    }
    return slots;
  }

  /**
   * Binomial(n, p) probabilities of the counts [from, to] into `terms` (from index 0):
   * from the mode out by the ratio of successive terms, normalized, stopping where a term
   * falls below NEGLIGIBLE of the mode's.
   */
  private binomialTerms(n: number, p: number): [number, number] {
    if (p <= 0) return this.single(0);
    if (p >= 1) return this.single(n);
    if (this.terms.length < n + 1) this.terms = new Float64Array(2 * (n + 1));
    const mode = Math.min(n, Math.floor((n + 1) * p));
    const odds = p / (1 - p);
    // Unnormalized, relative to the mode's term; written from index 0 for the lower side
    // reversed, then laid out in order.
    let to = mode;
    let up = 1;
    let sum = 1;
    const upper: number[] = [];
    while (to < n) {
      up *= ((n - to) / (to + 1)) * odds;
      if (up < NEGLIGIBLE) break;
      upper.push(up);
      sum += up;
      to++;
    }
    let from = mode;
    let down = 1;
    const lower: number[] = [];
    while (from > 0) {
      down *= from / (n - from + 1) / odds;
      if (down < NEGLIGIBLE) break;
      lower.push(down);
      sum += down;
      from--;
    }
    let i = 0;
    for (let j = lower.length - 1; j >= 0; j--) this.terms[i++] = lower[j] / sum;
    this.terms[i++] = 1 / sum;
    for (const x of upper) this.terms[i++] = x / sum;
    return [from, to];
  }

  private single(c: number): [number, number] {
    this.terms[0] = 1;
    return [c, c];
  }
}

/**
 * Vose's construction of Walker's alias table for the weights `w` (any positive total):
 * each slot keeps its own outcome with probability keep[i] and gives alias[i] otherwise,
 * so that a uniform slot and one comparison draw outcome i with probability w[i] / Σw.
 */
export function aliasTable(w: readonly number[]): { keep: Float64Array; alias: Int32Array } {
  const m = w.length;
  let total = 0;
  for (const x of w) total += x;
  const keep = new Float64Array(m);
  const alias = new Int32Array(m);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < m; i++) {
    keep[i] = (w[i] * m) / total;
    alias[i] = i;
    (keep[i] < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large[large.length - 1];
    alias[s] = l;
    keep[l] -= 1 - keep[s];
    if (keep[l] < 1) {
      large.pop();
      small.push(l);
    }
  }
  // What is left is 1 up to rounding.
  for (const i of large) keep[i] = 1;
  for (const i of small) keep[i] = 1;
  return { keep, alias };
}
