/**
 * Simulated time: an event heap. Nothing happens between events, so an hour of rollout
 * takes as long as its events take to run.
 */
import type { Millis } from '../scenario/model.js';
import type { Clock, TimerId } from './clock.js';
import { EventHeap, type TimedEvent } from './event-heap.js';

export class SimClock implements Clock {
  private time: Millis = 0;
  private seq = 0;
  private readonly heap = new EventHeap();
  private readonly byId = new Map<TimerId, TimedEvent>();

  now(): Millis {
    return this.time;
  }

  at(at: Millis, fn: () => void, priority = 0): TimerId {
    const id = ++this.seq;
    const event: TimedEvent = { at: Math.max(at, this.time), priority, seq: id, fn, cancelled: false };
    this.heap.push(event);
    this.byId.set(id, event);
    return id;
  }

  after(delay: Millis, fn: () => void, priority = 0): TimerId {
    return this.at(this.time + Math.max(0, delay), fn, priority);
  }

  cancel(id: TimerId): void {
    const event = this.byId.get(id);
    if (event) {
      event.cancelled = true;
      this.byId.delete(id);
    }
  }

  /** Time of the next pending event, or Infinity. */
  nextAt(): Millis {
    this.dropCancelled();
    return this.heap.peek()?.at ?? Number.POSITIVE_INFINITY;
  }

  /** Run the next event; false when none is left. */
  step(): boolean {
    this.dropCancelled();
    const event = this.heap.pop();
    if (!event) return false;
    this.byId.delete(event.seq);
    this.time = event.at;
    event.fn();
    return true;
  }

  /**
   * Run every event due at or before `until`, then leave the clock at `until`.
   * `stop` is checked after each event; when it returns true the run ends there.
   */
  runUntil(until: Millis, stop?: () => boolean): void {
    while (this.nextAt() <= until) {
      this.step();
      if (stop?.()) return;
    }
    this.time = Math.max(this.time, until);
  }

  private dropCancelled(): void {
    let top = this.heap.peek();
    while (top?.cancelled) {
      this.heap.pop();
      top = this.heap.peek();
    }
  }
}
