import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../test-support/run-cli.js';

const dir = mkdtempSync(join(tmpdir(), 'rollout-lab-compare-test-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('rollout-lab compare', () => {
  it('compares detection and rollback times of two runs per scenario × strategy', async () => {
    const a = join(dir, 'a');
    const b = join(dir, 'b');
    const common = [
      'run',
      'scenarios/connection-leak.yaml',
      '--strategy',
      'canary',
      '--trials',
      '4',
      '--jobs',
      '1',
      '--no-progress',
    ];
    expect((await runCli([...common, '--seed', '1', '--out', a])).code).toBeLessThanOrEqual(1);
    expect((await runCli([...common, '--seed', '2', '--out', b])).code).toBeLessThanOrEqual(1);
    const out = await runCli(['compare', a, b]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^\| scenario \| strategy \| detected \(sim \/ sim\)/);
    expect(out.stdout).toMatch(/\| connection-leak \| canary \| \d\/4 \/ \d\/4 \| \d+m\d+s \[/);
    // Seeded bootstrap: the same runs compare the same way twice.
    expect((await runCli(['compare', a, b])).stdout).toBe(out.stdout);
  });

  it('says what is wrong with a folder that is not a run', async () => {
    const out = await runCli(['compare', dir, dir]);
    expect(out.code).toBe(2);
    expect(out.stderr).toMatch(/no journals\/ folder/);
  });
});
