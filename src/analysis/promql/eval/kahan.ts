/**
 * Kahan–Neumaier compensated summation, step by step as Prometheus 2.42's `kahanSumInc`:
 * adds `inc` to (`sum`, `c`) and returns the new pair. Callers report `sum + c` (or `sum`
 * alone when it is infinite).
 */
export interface KahanState {
  sum: number;
  c: number;
}

export function kahanInc(inc: number, state: KahanState): void {
  const sum = state.sum;
  const t = sum + inc;
  if (Math.abs(sum) >= Math.abs(inc)) state.c += sum - t + inc;
  else state.c += inc - t + sum;
  state.sum = t;
}
