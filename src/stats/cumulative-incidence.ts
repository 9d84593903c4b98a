/** The cumulative incidence of each cause, one entry per distinct event time. */
export interface CumulativeIncidence {
  readonly time: readonly number[];
  /** incidence[k][i]: P(an event of cause k + 1 by time[i]). */
  readonly incidence: readonly (readonly number[])[];
  /** Overall event-free probability just after time[i] (the all-cause Kaplan–Meier). */
  readonly eventFree: readonly number[];
  readonly nRisk: readonly number[];
}

/**
 * Cumulative incidence with competing risks by the Aalen–Johansen estimator:
 * CIFₖ(t) = Σ_{tⱼ ≤ t} S(tⱼ−)·dₖⱼ/nⱼ, S the all-cause Kaplan–Meier. Use it when another
 * event can pre-empt the one of interest — a false rollback before the fault's onset
 * means the fault can never be detected in that trial; 1 − KM (treating it as censoring)
 * would overstate detection. The incidences of all causes and S add up to 1. Same as R's
 * `survfit(Surv(time, factor(cause)) ~ 1)` `pstate` and lifelines'
 * `AalenJohansenFitter` (without its jitter of ties). Cost: O(n log n).
 *
 * Edge cases: cause 0 means censored; causes are 1…K (K = the largest seen). Throws on
 * mismatched lengths, no data or a negative or non-integer cause.
 *
 * @example cumulativeIncidence([1, 2, 3, 4], [1, 2, 0, 1]).incidence[0] // [0.25, 0.25, 0.75] (at times 1, 2, 4)
 */
export function cumulativeIncidence(
  times: readonly number[],
  causes: readonly number[],
): CumulativeIncidence {
  if (times.length !== causes.length)
    throw new RangeError('cumulativeIncidence: times and causes differ in length');
  if (times.length === 0) throw new RangeError('cumulativeIncidence: no data');
  for (const c of causes)
    if (!Number.isInteger(c) || c < 0) throw new RangeError('cumulativeIncidence: bad cause');
  const k = Math.max(...causes);
  const order = times.map((_, i) => i).sort((a, b) => times[a] - times[b]);
  const out = {
    time: [] as number[],
    incidence: Array.from({ length: k }, () => [] as number[]),
    eventFree: [] as number[],
    nRisk: [] as number[],
  };
  const running = new Array<number>(k).fill(0);
  let atRisk = times.length;
  let s = 1;
  let i = 0;
  while (i < order.length) {
    const t = times[order[i]];
    const d = new Array<number>(k + 1).fill(0);
    let leaving = 0;
    while (i < order.length && times[order[i]] === t) {
      d[causes[order[i]]]++;
      leaving++;
      i++;
    }
    const events = d.slice(1).reduce((a, b) => a + b, 0);
    if (events > 0) {
      for (let c = 1; c <= k; c++) running[c - 1] += (s * d[c]) / atRisk;
      s *= 1 - events / atRisk;
      out.time.push(t);
      for (let c = 0; c < k; c++) out.incidence[c].push(running[c]);
      out.eventFree.push(s);
      out.nRisk.push(atRisk);
    }
    atRisk -= leaving;
  }
  return out;
}
