/**
 * The lab's Prometheus: a scrape loop over every replica's `/metrics`, at the scenario's
 * scrape interval on the trial's Clock (so compressed by the time scale), appending into
 * the trial's SeriesStore what Prometheus would store, so the same PromQL runs unchanged:
 * - every sample with `job` and `instance` (`127.0.0.1:PORT`) added as target labels; a
 *   scraped label of the same name is kept as `exported_job` / `exported_instance`
 *   (honor_labels: false);
 * - `up{job,instance}` 1 after a successful scrape, 0 after a failed one;
 * - timestamps: the scrape's scheduled time (scenario ms); exposed timestamps are ignored
 *   (they are wall-clock, meaningless in scenario time; prom-client writes none);
 * - staleness markers, as Prometheus 2.x writes them: for a series that was in a target's
 *   previous scrape and is not in this one, at this scrape's time; for every series of a
 *   target whose scrape failed, at that time; and for every series of a target that went
 *   away (its pod gone), at the first scrape tick after it went.
 * Scrapes of one target never overlap: a tick finding the previous one still running
 * skips that target (its timeout is the interval, as Prometheus requires).
 */
import { Agent, request } from 'undici';
import type { Labels } from '../../analysis/types.js';
import type { Clock, TimerId } from '../../clock/clock.js';
import { Priority } from '../../clock/clock.js';
import { parsePrometheusText } from '../../metrics/prometheus-text.js';
import type { Millis } from '../../scenario/model.js';
import type { SeriesSink } from '../sim/recorder.js';

export interface ScraperOptions {
  readonly clock: Clock;
  readonly sink: SeriesSink;
  /** Scrape interval, scenario ms. */
  readonly intervalMs: Millis;
  /** Scenario ms per real ms: the scrape timeout is the interval in real time. */
  readonly timeScale: number;
  /** The job label. Default `service`, as the simulator's series have it. */
  readonly job?: string;
  /** Metric names to store; null stores everything. `up` is always stored. */
  readonly keep?: ((name: string) => boolean) | null;
}

interface ScrapeTarget {
  readonly instance: string;
  readonly url: string;
  /** Series of the last successful scrape: key → ref. */
  last: Map<string, number>;
  /** Cache of refs by series key (a target's series set is stable). */
  readonly refs: Map<string, number>;
  inFlight: Promise<void> | null;
  /** Removed: stale markers due at the next tick. */
  removed: boolean;
}

export class Scraper {
  private readonly targets = new Map<string, ScrapeTarget>();
  private readonly agent = new Agent({ keepAliveTimeout: 10_000, connections: 4 });
  private readonly job: string;
  private timer: TimerId | null = null;
  private stopped = false;
  /** Scrapes that completed, and that failed (for tests and progress). */
  scrapes = 0;
  failures = 0;

  constructor(private readonly o: ScraperOptions) {
    this.job = o.job ?? 'service';
  }

  /** Scrape `127.0.0.1:port` from the next tick on. */
  addTarget(port: number): void {
    const instance = `127.0.0.1:${port}`;
    const existing = this.targets.get(instance);
    if (existing && !existing.removed) return;
    this.targets.set(instance, {
      instance,
      url: `http://${instance}/metrics`,
      last: new Map(),
      refs: existing?.refs ?? new Map(),
      inFlight: existing?.inFlight ?? null,
      removed: false,
    });
  }

  /** The target went away: its series get staleness markers at the next tick. */
  removeTarget(port: number): void {
    const target = this.targets.get(`127.0.0.1:${port}`);
    if (target) target.removed = true;
  }

  /** Start scraping at `at` (scenario ms), then every interval. */
  start(at: Millis = 0): void {
    this.schedule(at);
  }

  /** Stop the loop; resolves when scrapes in flight have ended. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer !== null) this.o.clock.cancel(this.timer);
    this.timer = null;
    await Promise.all([...this.targets.values()].map((t) => t.inFlight));
    await this.agent.close();
  }

  private schedule(at: Millis): void {
    if (this.stopped) return;
    this.timer = this.o.clock.at(at, () => this.scrapeAll(at), Priority.scrape);
  }

  private scrapeAll(t: Millis): void {
    for (const target of [...this.targets.values()]) {
      if (target.removed) {
        // Markers after any scrape still in flight, so timestamps only grow.
        const prior = target.inFlight ?? Promise.resolve();
        target.inFlight = prior.then(() => {
          this.markAllStale(target, t);
          target.inFlight = null;
        });
        this.targets.delete(target.instance);
        continue;
      }
      if (target.inFlight) continue;
      target.inFlight = this.scrapeOne(target, t).finally(() => {
        target.inFlight = null;
      });
    }
    this.schedule(t + this.o.intervalMs);
  }

  private async scrapeOne(target: ScrapeTarget, t: Millis): Promise<void> {
    let text: string;
    try {
      const res = await request(target.url, {
        dispatcher: this.agent,
        headersTimeout: this.o.intervalMs / this.o.timeScale,
        bodyTimeout: this.o.intervalMs / this.o.timeScale,
      });
      text = await res.body.text();
      if (res.statusCode !== 200) throw new Error(`status ${res.statusCode}`);
    } catch {
      this.failed(target, t);
      return;
    }
    if (this.stopped || target.removed) return;
    let samples: ReturnType<typeof parsePrometheusText>['samples'];
    try {
      samples = parsePrometheusText(text).samples;
    } catch {
      this.failed(target, t);
      return;
    }
    const seen = new Map<string, number>();
    const keep = this.o.keep ?? null;
    for (const s of samples) {
      if (keep !== null && !keep(s.name)) continue;
      const ref = this.refOf(target, s.name, s.labels);
      if (seen.has(String(ref))) continue; // a duplicate line: Prometheus keeps the first
      seen.set(String(ref), ref);
      this.o.sink.append(ref, t, s.value);
    }
    for (const [key, ref] of target.last) if (!seen.has(key)) this.o.sink.markStale(ref, t);
    target.last = seen;
    this.appendUp(target, t, 1);
    this.scrapes++;
  }

  private failed(target: ScrapeTarget, t: Millis): void {
    if (this.stopped || target.removed) return;
    this.failures++;
    for (const ref of target.last.values()) this.o.sink.markStale(ref, t);
    target.last = new Map();
    this.appendUp(target, t, 0);
  }

  private markAllStale(target: ScrapeTarget, t: Millis): void {
    for (const ref of target.last.values()) this.o.sink.markStale(ref, t);
    target.last = new Map();
    this.o.sink.markStale(this.refOf(target, 'up', {}), t);
  }

  private appendUp(target: ScrapeTarget, t: Millis, value: number): void {
    this.o.sink.append(this.refOf(target, 'up', {}), t, value);
  }

  private refOf(target: ScrapeTarget, name: string, labels: Readonly<Record<string, string>>): number {
    let key = name;
    for (const k in labels) key += `\u0000${k}\u0001${labels[k]}`;
    let ref = target.refs.get(key);
    if (ref === undefined) {
      const full: Record<string, string> = {};
      for (const k in labels) {
        if (k === 'job' || k === 'instance') full[`exported_${k}`] = labels[k];
        else full[k] = labels[k];
      }
      full.__name__ = name;
      full.job = this.job;
      full.instance = target.instance;
      ref = this.o.sink.ref(full as Labels);
      target.refs.set(key, ref);
    }
    return ref;
  }
}
