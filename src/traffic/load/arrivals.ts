/**
 * When requests are due: an open-model arrival schedule. Times are milliseconds since
 * the generator's start. The rate is held constant within each second (the rate of the
 * profile at the middle of the second), as in the simulator.
 * - `poisson`: exponential gaps; at a second boundary the residual gap is discarded
 *   (memoryless), so a rate change applies to the next arrival exactly;
 * - `constant`: evenly spaced, 1000 / rate ms apart (k6's arrival-rate executors space
 *   iterations this way).
 * The schedule ends at `durationMs` or after `maxRequests` arrivals, whichever is first.
 */
import type { Rng } from '../../stats/rng.js';

export type Spacing = 'poisson' | 'constant';

export class ArrivalSchedule {
  private t = 0;
  private issued = 0;
  private started = false;

  /**
   * @param rateAt requests per second during second `s` (≥ 0)
   * @param durationMs arrivals are due in [0, durationMs)
   * @param maxRequests at most this many arrivals
   */
  constructor(
    private readonly rateAt: (second: number) => number,
    private readonly spacing: Spacing,
    private readonly rng: Rng,
    private readonly durationMs: number,
    private readonly maxRequests: number,
  ) {}

  /** The next arrival time (ms, non-decreasing), or null when the schedule is over. */
  next(): number | null {
    if (this.issued >= this.maxRequests) return null;
    const a = this.spacing === 'poisson' ? this.nextPoisson() : this.nextConstant();
    if (a === null || a >= this.durationMs) {
      this.issued = this.maxRequests;
      return null;
    }
    this.issued++;
    return a;
  }

  private nextPoisson(): number | null {
    let t = this.t;
    while (t < this.durationMs) {
      const sec = Math.floor(t / 1000);
      const end = (sec + 1) * 1000;
      const perMs = this.rateAt(sec) / 1000;
      if (perMs > 0) {
        const a = t - Math.log(1 - this.rng.next()) / perMs;
        if (a < end) {
          this.t = a;
          return a;
        }
      }
      t = end;
    }
    this.t = t;
    return null;
  }

  private nextConstant(): number | null {
    // The next arrival is one gap (at the rate of the previous arrival's second) after the
    // previous one; a second without traffic is skipped, and the next second with traffic
    // starts with an arrival at its beginning.
    let a = 0;
    if (this.started) {
      const rate = this.rateAt(Math.floor(this.t / 1000));
      a = rate > 0 ? this.t + 1000 / rate : Math.floor(this.t / 1000 + 1) * 1000;
    }
    this.started = true;
    let sec = Math.floor(a / 1000);
    if (this.rateAt(sec) <= 0) {
      do sec++;
      while (sec * 1000 < this.durationMs && this.rateAt(sec) <= 0);
      a = sec * 1000;
    }
    this.t = a;
    return a < this.durationMs ? a : null;
  }
}
