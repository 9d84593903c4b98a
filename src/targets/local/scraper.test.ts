import { once } from 'node:events';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import type { Clock, TimerId } from '../../clock/clock.js';
import { SeriesStore } from '../../metrics/series-store.js';
import { Scraper } from './scraper.js';

/** A clock whose timers run only when the test says so. */
class ManualClock implements Clock {
  t = 0;
  private timers = new Map<TimerId, { at: number; fn: () => void }>();
  private seq = 0;
  now() {
    return this.t;
  }
  at(at: number, fn: () => void): TimerId {
    const id = ++this.seq;
    this.timers.set(id, { at, fn });
    return id;
  }
  after(delay: number, fn: () => void): TimerId {
    return this.at(this.t + delay, fn);
  }
  cancel(id: TimerId) {
    this.timers.delete(id);
  }
  /** Run every timer due at or before `t`. */
  advanceTo(t: number) {
    this.t = t;
    for (;;) {
      const due = [...this.timers.entries()]
        .filter(([, x]) => x.at <= t)
        .sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) return;
      this.timers.delete(due[0]);
      due[1].fn();
    }
  }
}

const servers: Server[] = [];
afterEach(async () => {
  for (const s of servers.splice(0)) {
    s.closeAllConnections();
    s.close();
    await once(s, 'close');
  }
});

/** A /metrics page whose text the test changes; status 500 when `fail`. */
async function metricsServer(state: { text: string; fail?: boolean }): Promise<number> {
  const server = createServer((_req, res) => {
    if (state.fail) {
      res.writeHead(500).end('broken');
      return;
    }
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' }).end(state.text);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  servers.push(server);
  return (server.address() as AddressInfo).port;
}

async function until(check: () => boolean, what: string, deadlineMs = 5000): Promise<void> {
  const end = Date.now() + deadlineMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}

function samples(store: SeriesStore, labels: Record<string, string>) {
  const ref = store.ref(labels);
  const s = store.series(ref);
  const out: [number, number | 'stale'][] = [];
  for (let i = 0; i < s.length; i++) {
    const v = s.v[i];
    out.push([s.t[i], s.isStale(i) ? 'stale' : v]);
  }
  return out;
}

describe('Scraper', () => {
  it('stores samples with job and instance, up, and stale markers as Prometheus does', async () => {
    const page = {
      text: [
        '# TYPE http_requests_total counter',
        'http_requests_total{version="stable",status_code="200"} 1',
        'http_requests_total{version="stable",status_code="500",job="x"} 2',
      ].join('\n'),
      fail: false,
    };
    const port = await metricsServer(page);
    const clock = new ManualClock();
    const store = new SeriesStore();
    const scraper = new Scraper({ clock, sink: store, intervalMs: 15_000, timeScale: 1 });
    scraper.addTarget(port);
    scraper.start(0);
    const instance = `127.0.0.1:${port}`;
    const ok = {
      __name__: 'http_requests_total',
      job: 'service',
      instance,
      version: 'stable',
      status_code: '200',
    };
    const exported = {
      __name__: 'http_requests_total',
      job: 'service',
      exported_job: 'x',
      instance,
      version: 'stable',
      status_code: '500',
    };
    const up = { __name__: 'up', job: 'service', instance };

    clock.advanceTo(0);
    await until(() => scraper.scrapes === 1, 'the first scrape');
    // The 500 series goes missing from the page: stale at the next scrape.
    page.text = 'http_requests_total{version="stable",status_code="200"} 5\n';
    clock.advanceTo(15_000);
    await until(() => scraper.scrapes === 2, 'the second scrape');
    // A failed scrape: up 0 and every series of the target stale.
    page.fail = true;
    clock.advanceTo(30_000);
    await until(() => scraper.failures === 1, 'the failed scrape');
    page.fail = false;
    clock.advanceTo(45_000);
    await until(() => scraper.scrapes === 3, 'the fourth scrape');
    // The target goes away: stale at the next tick.
    scraper.removeTarget(port);
    clock.advanceTo(60_000);
    await scraper.stop();

    expect(samples(store, ok)).toEqual([
      [0, 1],
      [15_000, 5],
      [30_000, 'stale'],
      [45_000, 5],
      [60_000, 'stale'],
    ]);
    expect(samples(store, exported)).toEqual([
      [0, 2],
      [15_000, 'stale'],
    ]);
    expect(samples(store, up)).toEqual([
      [0, 1],
      [15_000, 1],
      [30_000, 0],
      [45_000, 1],
      [60_000, 'stale'],
    ]);
  });

  it('stores only the metric names it is told to keep (and up)', async () => {
    const port = await metricsServer({ text: 'a_total 1\nb_total 2\n' });
    const clock = new ManualClock();
    const store = new SeriesStore();
    const scraper = new Scraper({
      clock,
      sink: store,
      intervalMs: 1000,
      timeScale: 1,
      keep: (n) => n === 'a_total',
    });
    scraper.addTarget(port);
    scraper.start(0);
    clock.advanceTo(0);
    await until(() => scraper.scrapes === 1, 'a scrape');
    await scraper.stop();
    const names = [...Array(store.size).keys()].map((r) => store.labels(r).__name__).sort();
    expect(names).toEqual(['a_total', 'up']);
  });
});
