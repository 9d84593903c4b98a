/**
 * The connection pool of one pod as a queue, for the aggregated fidelity: M/M/c+D —
 * Poisson arrivals, c connections (the pool minus leaked ones), exponential holding time
 * with the service-time mean, and a deterministic patience (acquireTimeoutMs).
 *
 * Probability that a request times out waiting, from the stationary distribution of the
 * M/M/n+G queue (Baccelli & Hébuterne 1981; Zeltyn & Mandelbaum 2005): with a = λ/μ,
 * A = Σ_{j<c} a^j/j!, B = a^{c−1}/(c−1)!, and the virtual-wait density
 * λ·π_{c−1}·exp(λ·min(x,T) − cμx) for x > 0,
 *   P(abandon) = λ·B·J₂ / (A + λ·B·(J₁ + J₂)),
 *   J₁ = ∫₀^T e^{(λ−cμ)x} dx,  J₂ = ∫_T^∞ e^{λT−cμx} dx = e^{(λ−cμ)T}/(cμ).
 * At overload it tends to the fluid limit 1 − cμ/λ; with no connection left it is 1.
 *
 * Holding times are not exponential (a request holds its connection for its latency, a
 * lognormal), and that matters near the pool's limit: there a wait builds up over many
 * holding times, and its scale goes with (1 + c_s²)/2, c_s² the squared coefficient of
 * variation of the holding time (Kingman's heavy-traffic law for M/G/c). So the M/M/c+D
 * formula is used with the patience in exponential time units: T·2/(1 + c_s²)
 * ({@link effectivePatienceS}). Against a simulation of the pool with lognormal holds
 * (c_s² = 0.71, the shipped services' 40/220 ms), it is within a few percent wherever
 * timeouts are 0.1% or more, where the plain formula overestimates them 1.1–2.9×
 * (pool-model.test.ts).
 */

/** Squared coefficient of variation of a lognormal with this σ (of the log): e^{σ²} − 1. */
export function lognormalCv2(sigma: number): number {
  return Math.expm1(sigma * sigma);
}

/** The patience for the M/M/c+D formula when holding times have this squared coefficient of variation. */
export function effectivePatienceS(patienceS: number, holdCv2: number): number {
  return (patienceS * 2) / (1 + holdCv2);
}

/**
 * @param connections usable connections (c ≥ 0)
 * @param arrivalsPerS database requests per second reaching this pod
 * @param meanHoldS mean connection holding time, seconds
 * @param patienceS acquire timeout, seconds (with exponential holds; else see effectivePatienceS)
 */
export function timeoutProbability(
  connections: number,
  arrivalsPerS: number,
  meanHoldS: number,
  patienceS: number,
): number {
  if (arrivalsPerS <= 0) return 0;
  if (connections <= 0) return 1;
  const lambda = arrivalsPerS;
  const mu = 1 / meanHoldS;
  const c = connections;
  const a = lambda / mu;
  const drift = lambda - c * mu;
  const exponent = drift * patienceS;
  if (exponent > 700) return Math.max(0, drift / lambda);
  // Divided through by B (and by E when it grows) so nothing overflows for a large pool
  // or load: R = A/B = Σ_{j<c} r_j with r_{c−1} = 1, r_{j−1} = r_j·j/a.
  let r = 1;
  let R = 1;
  for (let j = c - 1; j >= 1; j--) {
    r *= j / a;
    R += r;
  }
  let p: number;
  if (exponent > 0) {
    // p = (λ/cμ) / (R/E + λ·(J₁/E + 1/cμ)), J₁/E = (1 − e^{−(λ−cμ)T})/(λ−cμ).
    const J1overE = -Math.expm1(-exponent) / drift;
    p = lambda / (c * mu) / (R * Math.exp(-exponent) + lambda * (J1overE + 1 / (c * mu)));
  } else {
    const E = Math.exp(exponent);
    const J1 = Math.abs(drift) < 1e-12 ? patienceS : Math.expm1(exponent) / drift;
    const J2 = E / (c * mu);
    p = (lambda * J2) / (R + lambda * (J1 + J2));
  }
  return p < 0 ? 0 : Math.min(p, 1);
}

/** Expected busy connections (not counting leaked ones): min(c, λ/μ). */
export function expectedBusy(connections: number, arrivalsPerS: number, meanHoldS: number): number {
  return Math.min(Math.max(0, connections), arrivalsPerS * meanHoldS);
}
