/**
 * `rollout-lab run` end to end, in-process: determinism (same seed → identical bytes,
 * whatever the number of workers), bad input (exit 2, nothing written), and the
 * connection-leak scenario's detection and rollback times making sense.
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Results } from '../../report/results-json.js';
import { runCli } from '../test-support/run-cli.js';

const dirs: string[] = [];
function tempDir(): string {
  const dir = mkdtempSync(join(tmpdir(), 'rollout-lab-run-'));
  dirs.push(dir);
  return dir;
}
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Every file under dir (relative path → bytes). */
function snapshot(dir: string): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  const walk = (d: string) => {
    for (const name of readdirSync(d)) {
      const p = join(d, name);
      if (statSync(p).isDirectory()) walk(p);
      else files.set(relative(dir, p), readFileSync(p));
    }
  };
  walk(dir);
  return files;
}

const LEAK = 'scenarios/connection-leak.yaml';

describe('rollout-lab run', () => {
  it('gives byte-identical output for the same seed, on one worker or two', async () => {
    const a = tempDir();
    const b = tempDir();
    const args = (seed: string) => [
      'run',
      LEAK,
      '--trials',
      '4',
      '--seed',
      seed,
      '--strategy',
      'canary',
      '--strategy',
      'rolling',
      '--no-progress',
    ];
    const first = await runCli([...args('7'), '--out', a, '--jobs', '1']);
    const second = await runCli([...args('7'), '--out', b, '--jobs', '2']);
    // Exit 1 would mean a scenario assertion failed (with 4 trials it may): same either way.
    expect([0, 1], first.stderr).toContain(first.code);
    expect(second.code, second.stderr).toBe(first.code);
    const sa = snapshot(a);
    const sb = snapshot(b);
    expect([...sa.keys()].sort()).toEqual([...sb.keys()].sort());
    expect(sa.has('results.json')).toBe(true);
    for (const [name, bytes] of sa) expect(bytes.equals(sb.get(name)!), name).toBe(true);
    // `run` builds its report from the measures its workers took of the stored journals;
    // `rollout-lab report` decodes the journals again: the same bytes.
    const rebuilt = await runCli(['report', a]);
    expect([0, 1], rebuilt.stderr).toContain(rebuilt.code);
    const sr = snapshot(a);
    for (const name of ['report.html', 'report.md', 'results.json'])
      expect(sr.get(name)!.equals(sa.get(name)!), `${name} rebuilt by rollout-lab report`).toBe(true);
    // A different seed gives different trials.
    const c = tempDir();
    const third = await runCli([...args('8'), '--out', c, '--jobs', '1']);
    expect([0, 1], third.stderr).toContain(third.code);
    expect(readFileSync(join(c, 'results.json')).equals(sa.get('results.json')!)).toBe(false);
  });

  it('detects the connection leak with every strategy, in times that make sense', async () => {
    const out = tempDir();
    const run = await runCli([
      'run',
      LEAK,
      '--trials',
      '6',
      '--seed',
      '7',
      '--out',
      out,
      '--jobs',
      '1',
      '--no-progress',
    ]);
    expect([0, 1], run.stderr).toContain(run.code);
    const results = JSON.parse(readFileSync(join(out, 'results.json'), 'utf8')) as Results;
    const names = results.cells.map((c) => c.strategy);
    expect(names).toEqual(['recreate', 'rolling', 'blue-green', 'canary', 'shadow', 'feature-flag']);
    const cell = (name: string) => results.cells.find((c) => c.strategy === name)!;
    // Each replica's pool of 20 drains at ~16 db requests/s × 0.002 = 0.032 leaks/s:
    // the first pod runs dry ~625 s after it takes traffic (Gamma(20, 0.032/s): sd ~140 s).
    for (const c of results.cells) {
      for (const t of c.trials) {
        expect(t.detected, `${c.strategy} trial ${t.trial}`).toBe(true);
        expect(t.detectionMs!, `${c.strategy} trial ${t.trial}`).toBeGreaterThan(6 * 60_000);
        expect(t.detectionMs!, `${c.strategy} trial ${t.trial}`).toBeLessThan(30 * 60_000);
      }
    }
    // The canary's analysis sees only its own pods: it aborts with little harm, and the
    // way back (weight 0) is immediate; rolling has to roll every pod back.
    const canary = cell('canary');
    const rolling = cell('rolling');
    const median = (xs: number[]) => [...xs].sort((x, y) => x - y)[xs.length >> 1];
    expect(median(canary.trials.map((t) => t.failedAboveBaseline))).toBeLessThan(
      median(rolling.trials.map((t) => t.failedAboveBaseline)) / 3,
    );
    for (const t of canary.trials.filter((x) => !x.escaped)) {
      expect(t.detector).toBe('analysis');
      expect(t.rollbackMs!).toBeLessThan(30_000);
    }
    for (const t of rolling.trials) {
      expect(t.detector).toBe('alert');
      expect(t.escaped).toBe(true);
      expect(t.rollbackMs!).toBeGreaterThan(10_000);
    }
    // The kill switch stops new leaks but the pools stay drained: never recovers.
    for (const t of cell('feature-flag').trials) expect(t.recovered).toBe(false);
  });

  it('rejects bad input with exit code 2 and writes nothing', async () => {
    const out = join(tempDir(), 'never');
    const cases = [
      ['run', 'fixtures/scenarios-broken/enum-typo.yaml', '--out', out],
      ['run', LEAK, '--trials', '0', '--out', out],
      ['run', LEAK, '--trials', 'many', '--out', out],
      ['run', LEAK, '--seed', '-1', '--out', out],
      ['run', LEAK, '--strategy', 'canery', '--out', out],
      ['run', LEAK, '--fidelity', 'exact', '--out', out],
    ];
    for (const args of cases) {
      const r = await runCli(args);
      expect(r.code, args.join(' ')).toBe(2);
      expect(r.stderr.length, args.join(' ')).toBeGreaterThan(0);
      expect(existsSync(out), args.join(' ')).toBe(false);
    }
    const typo = await runCli(['run', LEAK, '--strategy', 'canery', '--out', out]);
    expect(typo.stderr).toContain('no scenario has strategy "canery"');
  });
});
