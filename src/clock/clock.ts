/**
 * Time, injected. No domain code reads wall time: the controller, strategies, analysis
 * and targets ask a Clock, so the same code runs on simulated or real time.
 */
import type { Millis } from '../scenario/model.js';

export type TimerId = number;

/**
 * Order of work scheduled for the same instant, lowest first: the world catches up with
 * traffic before it is scraped, scraped before it is measured, measured before the
 * controller reconciles.
 */
export const Priority = {
  world: 0,
  scrape: 10,
  measure: 20,
  alert: 25,
  reconcile: 30,
  bookkeeping: 40,
} as const;

export interface Clock {
  /** Milliseconds since the start of the trial. */
  now(): Millis;
  /** Run `fn` at `at` (clamped to now). Equal times run by priority, then in order of scheduling. */
  at(at: Millis, fn: () => void, priority?: number): TimerId;
  /** Run `fn` after `delay` milliseconds. */
  after(delay: Millis, fn: () => void, priority?: number): TimerId;
  cancel(id: TimerId): void;
}
