/**
 * The distribution of a second's latency quantile, worked out once per request count and
 * then drawn with one uniform (Walker's alias method) nearly always.
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
 * a few hundred requests) and kept; counts above MAX_N are left to tailQuantile. The
 * outcomes holding all but RARE of the mass make the alias table (about a hundred of the
 * four hundred at 180 requests: small enough to stay in cache); the rare rest is one more
 * slot of it, and when that slot is drawn, a second uniform picks among them by their
 * cumulative probabilities — a mixture with the same distribution.
 */
import type { Rng } from '../../stats/rng.js';
import { BUCKET_COUNT, withinBucketMs } from './latency.js';
import { topDownFrom } from './tail-quantile.js';

/** Largest request count given a table (its cost grows as n² / 100). */
const MAX_N = 4096;
/** Binomial terms below this share of the largest are left out. */
const NEGLIGIBLE = 1e-18;
/** Mass left to the rare outcomes, drawn apart. */
const RARE = 1e-6;

/** A request count's rare outcomes: their values and cumulative probabilities (the last is their total). */
interface RareOutcomes {
  readonly values: Float64Array;
  readonly cdf: Float64Array;
}

export class QuantileDistributions {
  /** The rare outcomes of each request count whose table is built. */
  private readonly rareByN: (RareOutcomes | undefined)[] = [];
  /**
   * The common outcomes of every built count as alias tables, one after the other (from
   * `start[n]`, `count[n]` slots; -1 before it is built), so that the counts a trial meets
   * lie side by side in memory. Slot i gives its own value with probability keep, else its
   * alias's value; NaN stands for "a rare outcome". Three numbers a slot, side by side
   * (keep, value, alias's value): a draw reads one cache line.
   */
  private slab = new Float64Array(3 * 1024);
  private used = 0;
  private readonly start = new Int32Array(MAX_N + 1).fill(-1);
  private readonly count = new Int32Array(MAX_N + 1);
  /** P(bucket k | bucket ≤ k), 1 at the lowest bucket with mass. */
  private readonly topDown = new Float64Array(BUCKET_COUNT);
  private terms = new Float64Array(256);

  /**
   * `probs`: each bucket's probability (summing to 1). `rare`: the mass left to the rare
   * outcomes (RARE; tests raise it to exercise their draw).
   */
  constructor(
    readonly q: number,
    probs: Float64Array,
    private readonly rare = RARE,
  ) {
    topDownFrom(probs, 0, this.topDown);
  }

  /** Whether `draw` takes this request count. */
  covers(n: number): boolean {
    return n > 0 && n <= MAX_N && Number.isInteger(n);
  }

  /** The quantile (ms) of n requests' latencies, drawn with one uniform from `rng` (two, one time in a million). */
  draw(rng: Rng, n: number): number {
    if (this.start[n] < 0) this.build(n);
    const slab = this.slab;
    // One uniform: its integer part picks the slot, its fraction decides (each outcome's
    // probability is resolved to 2⁻³², as every draw from this 32-bit Rng).
    const x = rng.next() * this.count[n];
    const slot = Math.floor(x);
    const at = this.start[n] + slot * 3;
    const value = x - slot < slab[at] ? slab[at + 1] : slab[at + 2];
    return Number.isNaN(value) ? drawRare(rng, this.rareByN[n]!) : value;
  }

  /**
   * The distribution `draw` draws from for n requests: each value's probability, read back
   * from its alias table (for tests and inspection).
   */
  probabilities(n: number): Map<number, number> {
    if (this.start[n] < 0) this.build(n);
    const { values: rareValues, cdf: rareCdf } = this.rareByN[n]!;
    const slots = this.slab.subarray(this.start[n], this.start[n] + 3 * this.count[n]);
    const m = this.count[n];
    const common = new Map<number, number>();
    const add = (value: number, p: number) => common.set(value, (common.get(value) ?? 0) + p / m);
    for (let at = 0; at < slots.length; at += 3) {
      add(slots[at + 1], slots[at]);
      add(slots[at + 2], 1 - slots[at]);
    }
    const rare = common.get(Number.NaN) ?? 0;
    common.delete(Number.NaN);
    const rareTotal = rareCdf.length > 0 ? rareCdf[rareCdf.length - 1] : 0;
    for (let i = 0; i < rareValues.length; i++) {
      const p = ((rareCdf[i] - (i > 0 ? rareCdf[i - 1] : 0)) / rareTotal) * rare;
      common.set(rareValues[i], (common.get(rareValues[i]) ?? 0) + p);
    }
    return common;
  }

  /** Every outcome of the top-down draw of n requests, with its probability: n's alias table and rare outcomes. */
  private build(n: number): void {
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
    // The most probable outcomes up to all but RARE of the mass; the rest apart.
    const order = probs.map((_, i) => i).sort((a, b) => probs[b] - probs[a]);
    let total = 0;
    for (const p of probs) total += p;
    let common = 0;
    let mass = 0;
    while (common < order.length && mass < total * (1 - this.rare)) mass += probs[order[common++]];
    const rare = order.slice(common);
    const weights = order.slice(0, common).map((i) => probs[i]);
    const slotValues = order.slice(0, common).map((i) => values[i]);
    const rareCdf = new Float64Array(rare.length);
    let rareMass = 0;
    for (let j = 0; j < rare.length; j++) {
      rareMass += probs[rare[j]];
      rareCdf[j] = rareMass;
    }
    if (rare.length > 0) {
      weights.push(rareMass);
      slotValues.push(Number.NaN);
    }
    const { keep, alias } = aliasTable(weights);
    const length = 3 * slotValues.length;
    if (this.used + length > this.slab.length) {
      const grown = new Float64Array(Math.max(2 * this.slab.length, this.used + length));
      grown.set(this.slab.subarray(0, this.used));
      this.slab = grown;
    }
    for (let i = 0; i < slotValues.length; i++) {
      const at = this.used + 3 * i;
      this.slab[at] = keep[i];
      this.slab[at + 1] = slotValues[i];
      this.slab[at + 2] = slotValues[alias[i]];
    }
    this.start[n] = this.used;
    this.count[n] = slotValues.length;
    this.used += length;
    this.rareByN[n] = { values: Float64Array.from(rare, (i) => values[i]), cdf: rareCdf };
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

/** One of the rare outcomes, by their cumulative probabilities. */
function drawRare(rng: Rng, rare: RareOutcomes): number {
  const cdf = rare.cdf;
  const u = rng.next() * cdf[cdf.length - 1];
  let lo = 0;
  let hi = cdf.length - 1;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (cdf[mid] > u) hi = mid;
    else lo = mid + 1;
  }
  return rare.values[lo];
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
