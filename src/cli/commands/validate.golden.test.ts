/**
 * Golden test of `rollout-lab validate` on fixtures/scenarios-broken/: one file per kind of
 * mistake, each with <name>.expected.txt holding the exact output. Refresh the expected
 * files after an intended change with `UPDATE_GOLDEN=1 npx vitest run src/cli`.
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PACKAGE_ROOT, runCli } from '../test-support/run-cli.js';

const DIR = 'fixtures/scenarios-broken';
const UPDATE = process.env.UPDATE_GOLDEN === '1';
const files = readdirSync(join(PACKAGE_ROOT, DIR))
  .filter((f) => f.endsWith('.yaml'))
  .sort();

describe('validate on broken scenarios (golden)', () => {
  it('has a fixture for each of at least 15 kinds of mistake', () => {
    expect(files.length).toBeGreaterThanOrEqual(15);
  });

  it('has no expected file without its scenario', () => {
    const stale = readdirSync(join(PACKAGE_ROOT, DIR))
      .filter((f) => f.endsWith('.expected.txt'))
      .filter((f) => !files.includes(f.replace(/\.expected\.txt$/, '.yaml')));
    expect(stale).toEqual([]);
  });

  for (const file of files) {
    it(file, async () => {
      const { code, stdout, stderr } = await runCli(['validate', `${DIR}/${file}`]);
      const output = stderr + stdout;
      const expectedFile = join(PACKAGE_ROOT, DIR, file.replace(/\.yaml$/, '.expected.txt'));
      if (UPDATE) writeFileSync(expectedFile, output);
      expect(existsSync(expectedFile), `${expectedFile} is missing; run with UPDATE_GOLDEN=1`).toBe(true);
      expect(output).toBe(readFileSync(expectedFile, 'utf8'));
      // Files whose mistake only a future checker catches print "ok" until it lands.
      expect(code).toBe(output.startsWith('ok ') ? 0 : 2);
    });
  }
});
