import { existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { detectedTrials, writeRunDir } from '../../report/test-support/journals.js';
import { writeSampleRun } from '../../report/test-support/sample-run.js';
import { runCli } from '../test-support/run-cli.js';

describe('rollout-lab report', () => {
  let root: string;
  beforeAll(() => {
    root = mkdtempSync(join(tmpdir(), 'rollout-lab-report-cli-'));
  });
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('explains itself with an example', async () => {
    const { code, stdout } = await runCli(['report', '--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: rollout-lab report');
    expect(stdout).toContain('$ rollout-lab report reports/leak');
  });

  it('exits 2 with a clear message and writes nothing for a folder that is not a run', async () => {
    const missing = await runCli(['report', 'nowhere'], root);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe(`rollout-lab report: ${join(root, 'nowhere')} does not exist\n`);
    const empty = await runCli(['report', '.'], root);
    expect(empty.code).toBe(2);
    expect(empty.stderr).toContain('has no journals/ folder: give the output folder of a run');
    expect(readdirSync(root)).toEqual([]);
  });

  it('writes the report and exits 1 when an assertion fails', async () => {
    writeSampleRun(join(root, 'sample'));
    const { code, stderr } = await runCli(['report', 'sample'], root);
    expect(code).toBe(1);
    expect(stderr).toContain(
      'report: sample/report.html, sample/report.md, sample/results.json, sample/junit.xml\n',
    );
    expect(stderr).toMatch(
      /assertion FAILED: leak: partial\.detection\.rate > 0\.9 — partial\.detection\.rate = 60% /,
    );
    expect(stderr).toContain('assertions: 2 of 4 failed\n');
    expect(existsSync(join(root, 'sample', 'report.html'))).toBe(true);
  });

  it('exits 0 when every assertion passes', async () => {
    writeRunDir(join(root, 'passing'), {
      scenarios: [
        {
          name: 'leak',
          assertions: ['canary.detection.p90 < 3m', 'canary.escapes < 0.1'],
          cells: [{ strategy: 'canary', trials: detectedTrials([10, 20, 30, 40, 50]) }],
        },
      ],
    });
    const { code, stderr } = await runCli(['report', 'passing'], root);
    expect(code).toBe(0);
    expect(stderr).toContain('assertions: all 2 passed\n');
  });
});
