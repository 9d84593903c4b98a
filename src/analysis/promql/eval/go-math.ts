/**
 * The few float operations where Go's math package and JavaScript disagree, done Go's way
 * so PromQL answers match Prometheus: `Pow`'s special cases, `Log2`/`Log10` (computed
 * from `Log` as Go does), `Round` (half away from zero) and `Duration.Seconds`.
 */

/** Go's `math.Pow` special cases over `**` (`1^NaN = 1`, `(-1)^±Inf = 1`, …). */
export function goPow(x: number, y: number): number {
  if (y === 0 || x === 1) return 1;
  if (Number.isNaN(x) || Number.isNaN(y)) return Number.NaN;
  if (x === -1 && !Number.isFinite(y)) return 1;
  return x ** y;
}

/** Go's `math.Log2`: exact for powers of two, else `Log(frac)/Ln2 + exp`. */
export function goLog2(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) return Math.log2(x);
  const [frac, exp] = frexp(x);
  if (frac === 0.5) return exp - 1;
  return Math.log(frac) * Math.LOG2E + exp;
}

/** Go's `math.Log10`: `Log(x) * (1/Ln10)`. */
export function goLog10(x: number): number {
  return Math.log(x) * Math.LOG10E;
}

/** Go's `math.Round`: half away from zero. */
export function goRound(x: number): number {
  return x < 0 ? -Math.round(-x) : Math.round(x);
}

/** Go's `time.Duration.Seconds()` of a whole number of milliseconds. */
export function goSeconds(ms: number): number {
  const sec = Math.trunc(ms / 1000);
  const nsec = (ms - sec * 1000) * 1e6;
  return sec + nsec / 1e9;
}

/** Splits a finite positive x into frac in [0.5, 1) and exp with x = frac · 2^exp. */
function frexp(x: number): [number, number] {
  let exp = Math.max(-1073, Math.floor(Math.log2(x)) + 1);
  let frac = x * 2 ** -exp;
  while (frac < 0.5) {
    frac *= 2;
    exp--;
  }
  while (frac >= 1) {
    frac /= 2;
    exp++;
  }
  return [frac, exp];
}
