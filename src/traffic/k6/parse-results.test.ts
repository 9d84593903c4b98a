import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseK6Time } from './k6-time.js';
import { parseK6Results } from './parse-results.js';

const dirs: string[] = [];
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** k6 writes times in the machine's zone with nanoseconds; the epoch is 2025-01-01T00:00:00Z. */
const EPOCH = Date.parse('2025-01-01T00:00:00Z');
function at(ms: number): string {
  const d = new Date(EPOCH + Math.floor(ms) + 3_600_000);
  const frac = String(Math.round((ms - Math.floor(ms)) * 1e6)).padStart(6, '0');
  return `${d.toISOString().slice(0, 19)}.${String(d.getUTCMilliseconds()).padStart(3, '0')}${frac}+01:00`;
}
function point(metric: string, ms: number, value: number, tags: Record<string, string> = {}): string {
  return JSON.stringify({ type: 'Point', metric, data: { time: at(ms), value, tags } });
}

function file(lines: string[]): string {
  const dir = mkdtempSync(join(tmpdir(), 'k6-parse-'));
  dirs.push(dir);
  const path = join(dir, 'results.json');
  writeFileSync(path, `${lines.join('\n')}\n`);
  return path;
}

describe('parseK6Time', () => {
  it('keeps sub-millisecond digits and honours the zone', () => {
    expect(parseK6Time('2025-01-01T01:00:00.250500000+01:00')).toBeCloseTo(EPOCH + 250.5, 6);
    expect(parseK6Time('2025-01-01T00:00:01Z')).toBe(EPOCH + 1000);
    expect(() => parseK6Time('yesterday')).toThrow(/RFC 3339/);
  });
});

describe('parseK6Results', () => {
  it('tallies lab_request_ms points per second, role and client kind, with sessions and dropped iterations', async () => {
    const path = file([
      JSON.stringify({ type: 'Metric', metric: 'lab_request_ms', data: { type: 'trend' } }),
      point('lab_scenario_start_ms', 5, EPOCH),
      point('http_req_duration', 12, 2, { status: '200' }),
      point('lab_request_ms', 12, 2, { role: 'stable', kind: 'v1Shape', outcome: 'ok', status: '200' }),
      point('lab_request_ms', 1_300, 250, {
        role: 'canary',
        kind: 'v1Shape',
        outcome: 'shape',
        status: '200',
      }),
      point('lab_request_ms', 1_500, 3, {
        role: 'canary',
        kind: 'v2Shape',
        outcome: 'status',
        status: '503',
      }),
      point('lab_request_ms', 2_100, 50, {
        role: 'unknown',
        kind: 'v2Shape',
        outcome: 'connection',
        status: '0',
        rid: 'k6-1-9',
      }),
      point('lab_session_start', 100, 1_500),
      point('lab_session_failure', 1_300, 1, { sid: '1-0' }),
      point('lab_session_failure', 1_600, 1, { sid: '1-0' }),
      point('lab_session_failure', 2_200, 1, { sid: '2-0' }),
      point('dropped_iterations', 2_500, 1),
    ]);
    const r = await parseK6Results(path, {
      seconds: 3,
      attributeRole: (rid) => (rid === 'k6-1-9' ? 'canary' : undefined),
    });
    expect(r.startedAtMs).toBe(EPOCH);
    expect([r.requests, r.failed, r.dropped]).toEqual([4, 3, 1]);
    expect(r.outcomes).toEqual({ ok: 1, status: 1, shape: 1, timeout: 0, connection: 1 });
    const t = r.tallies;
    expect(Array.from(t.versions.stable.requests)).toEqual([1, 0, 0]);
    // 1,300 − 250 = 1,050 ms: second 1; 2,100 − 50: second 2, attributed to the canary.
    expect(Array.from(t.versions.canary.requests)).toEqual([0, 2, 1]);
    expect(Array.from(t.versions.canary.serverErrors)).toEqual([0, 1, 0]);
    expect(Array.from(t.cells['canary.v1Shape'].failed)).toEqual([0, 1, 0]);
    expect(Array.from(t.cells['canary.v2Shape'].failed)).toEqual([0, 1, 1]);
    expect(t.versions.canary.p99Ms[1]).toBeGreaterThan(100);
    // One user from 0.1 s to 1.6 s: alive at the end of second 0 only.
    expect(Array.from(t.sessions.active)).toEqual([1, 0, 0]);
    expect(Array.from(t.sessions.newlyAffected)).toEqual([0, 1, 1]);
    expect(r.droppedPerSecond).toEqual([0, 0, 1]);
  });

  it('counts a session as affected only from the release on', async () => {
    const path = file([
      point('lab_scenario_start_ms', 0, EPOCH),
      point('lab_session_failure', 500, 1, { sid: 'a' }),
      point('lab_session_failure', 1_500, 1, { sid: 'a' }),
      point('lab_session_failure', 2_500, 1, { sid: 'a' }),
    ]);
    const r = await parseK6Results(path, { seconds: 3, releaseAtMs: 1_000 });
    expect(Array.from(r.tallies.sessions.newlyAffected)).toEqual([0, 1, 0]);
  });
});
