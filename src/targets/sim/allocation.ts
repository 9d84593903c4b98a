/**
 * Deterministic sharing-out of integer counts, for the aggregated fidelity: draws are made
 * for a whole version, then spread over its pods and series without further randomness.
 */

/**
 * Share `total` over slots [0, n) of `weights` in proportion: floors first, then the
 * remainder one by one from a rotating start (so no slot is favoured over many calls).
 * Slots of weight 0 get nothing unless all weights are 0.
 */
export function allocate(
  total: number,
  weights: Float64Array,
  n: number,
  out: Float64Array,
  rotation: number,
): void {
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i];
  let given = 0;
  for (let i = 0; i < n; i++) {
    const x = sum > 0 ? Math.floor((total * weights[i]) / sum) : 0;
    out[i] = x;
    given += x;
  }
  for (let k = 0; given < total && n > 0; k++) {
    const i = (rotation + k) % n;
    if (weights[i] > 0 || sum === 0) {
      out[i]++;
      given++;
    }
  }
}

/**
 * Take `take` items out of the columns `left` (counts still available per column), in
 * proportion to what is left, into `out`; `remaining` is the sum of `left`. Called row
 * after row with the last row taking everything, it fills a table whose row sums and
 * column sums both hold (sequential proportional allocation).
 */
export function takeProportional(
  take: number,
  left: Float64Array,
  remaining: number,
  out: Float64Array,
  rotation: number,
): void {
  const m = left.length;
  if (take >= remaining) {
    for (let k = 0; k < m; k++) {
      out[k] = left[k];
      left[k] = 0;
    }
    return;
  }
  const f = take / remaining;
  let given = 0;
  for (let k = 0; k < m; k++) {
    const x = Math.floor(left[k] * f);
    out[k] = x;
    left[k] -= x;
    given += x;
  }
  giveRemainder(take, given, left, out, rotation);
}

/** What floors left of a take, one by one from a rotating start, to the columns with something left. */
function giveRemainder(
  take: number,
  given: number,
  left: Float64Array,
  out: Float64Array,
  rotation: number,
): void {
  const m = left.length;
  for (let j = 0; given < take; j++) {
    const k = (rotation + j) % m;
    if (left[k] > 0) {
      out[k]++;
      left[k]--;
      given++;
    }
  }
}

/**
 * {@link takeProportional} when only the columns listed in `cols[0…count)` can hold
 * anything (`left` is 0 elsewhere): the same result, written to `out` at those columns
 * only, without visiting the others' floors.
 */
export function takeProportionalSparse(
  take: number,
  left: Float64Array,
  remaining: number,
  out: Float64Array,
  rotation: number,
  cols: Int32Array,
  count: number,
): void {
  if (take >= remaining) {
    for (let i = 0; i < count; i++) {
      const k = cols[i];
      out[k] = left[k];
      left[k] = 0;
    }
    return;
  }
  const f = take / remaining;
  let given = 0;
  for (let i = 0; i < count; i++) {
    const k = cols[i];
    const x = Math.floor(left[k] * f);
    out[k] = x;
    left[k] -= x;
    given += x;
  }
  giveRemainder(take, given, left, out, rotation);
}
