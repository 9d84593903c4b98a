/**
 * Real time, optionally compressed: with `timeScale` 10, a 5-minute pause lasts 30 real
 * seconds. `now()` reports scenario time (real elapsed × timeScale), so journals of live
 * runs read in the same units as simulated ones.
 */
import type { Millis } from '../scenario/model.js';
import type { Clock, TimerId } from './clock.js';

export class RealClock implements Clock {
  private readonly startedAt = performance.now();
  private readonly timers = new Map<TimerId, NodeJS.Timeout>();
  private seq = 0;

  constructor(private readonly timeScale = 1) {
    if (!(timeScale > 0)) throw new Error(`timeScale must be positive, got ${timeScale}`);
  }

  now(): Millis {
    return (performance.now() - this.startedAt) * this.timeScale;
  }

  at(at: Millis, fn: () => void, priority = 0): TimerId {
    return this.after(at - this.now(), fn, priority);
  }

  after(delay: Millis, fn: () => void, _priority = 0): TimerId {
    const id = ++this.seq;
    const handle = setTimeout(
      () => {
        this.timers.delete(id);
        fn();
      },
      Math.max(0, delay / this.timeScale),
    );
    this.timers.set(id, handle);
    return id;
  }

  cancel(id: TimerId): void {
    const handle = this.timers.get(id);
    if (handle) clearTimeout(handle);
    this.timers.delete(id);
  }

  /** Cancel every pending timer (on shutdown). */
  cancelAll(): void {
    for (const handle of this.timers.values()) clearTimeout(handle);
    this.timers.clear();
  }
}
