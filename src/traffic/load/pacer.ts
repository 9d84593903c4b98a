/**
 * Fires arrivals at their scheduled times on the event loop. Waits sleep on a timer that
 * wakes early; only the last fraction of a millisecond yields with setImmediate, so the
 * loop keeps serving I/O while it waits. Everything due is fired
 * at once, each arrival with its own scheduled time: a late loop sends late, it never
 * shifts the schedule (the open model).
 */
import { performance } from 'node:perf_hooks';

/**
 * Below this wait the pacer yields with setImmediate instead of sleeping, ms. Timers have
 * 1 ms resolution, so longer waits sleep: an arrival is sent at most ~1 ms late by the
 * pacer itself, far under the 10 ms that counts as late, and the loop does not spin a
 * core that the target and the router may need.
 */
const SPIN_BELOW_MS = 0.25;
/** A timer is set this much before the due time (timers fire late, never early), ms. */
const WAKE_EARLY_MS = 0.5;

export class Pacer {
  private timer: NodeJS.Timeout | undefined;
  private immediate: NodeJS.Immediate | undefined;
  private stopped = false;
  private resolveDone: (() => void) | undefined;
  /** performance.now() at generator time 0. */
  readonly epoch: number;

  /**
   * @param next the next scheduled time (generator ms), or null at the end
   * @param fire called once per arrival, as soon as it is due
   * @param leadMs generator time 0 is this far after construction
   */
  constructor(
    private readonly next: () => number | null,
    private readonly fire: (scheduledMs: number) => void,
    leadMs = 5,
  ) {
    this.epoch = performance.now() + leadMs;
  }

  /** Generator time now, ms. */
  now(): number {
    return performance.now() - this.epoch;
  }

  /** Fire every arrival; resolves after the last one was fired or stop() was called. */
  run(): Promise<void> {
    return new Promise((resolve) => {
      this.resolveDone = resolve;
      this.pending = this.next();
      this.loop();
    });
  }

  /** Stop firing; run() resolves. */
  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    if (this.immediate) clearImmediate(this.immediate);
    this.resolveDone?.();
  }

  private pending: number | null = null;

  private readonly loop = (): void => {
    this.timer = undefined;
    this.immediate = undefined;
    if (this.stopped) return;
    while (this.pending !== null && this.pending <= this.now()) {
      this.fire(this.pending);
      if (this.stopped) return;
      this.pending = this.next();
    }
    if (this.pending === null) {
      this.stopped = true;
      this.resolveDone?.();
      return;
    }
    const wait = this.pending - this.now();
    if (wait > SPIN_BELOW_MS) this.timer = setTimeout(this.loop, Math.max(1, wait - WAKE_EARLY_MS));
    else this.immediate = setImmediate(this.loop);
  };
}
