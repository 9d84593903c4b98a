// Runs the test suite and prints the plain count line CI reads: "N passed, N failed".
//
// Two vitest runs, one after the other: every test file in parallel, then the tests that
// drive whole drills on real processes at a high time scale (SERIAL) on their own — at
// ×100 a tenth of a real second is ten scenario seconds, so they must not share the
// machine's two cores with the rest of the suite. Arguments (file filters, vitest
// options) run one vitest with them instead.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';

const SERIAL = ['src/trials/local-shipped.test.ts'];

mkdirSync('.tmp', { recursive: true });

/** One vitest run; its counts from the JSON reporter. */
function vitest(args, name) {
  const out = `.tmp/vitest-results-${name}.json`;
  rmSync(out, { force: true });
  const run = spawnSync(
    'npx',
    ['vitest', 'run', '--reporter=default', '--reporter=json', `--outputFile=${out}`, ...args],
    { stdio: 'inherit' },
  );
  if (!existsSync(out)) return { passed: 0, failed: 1, ok: false };
  const results = JSON.parse(readFileSync(out, 'utf8'));
  const failed = (results.numFailedTests ?? 0) + (results.numRuntimeErrorTestSuites ?? 0);
  return { passed: results.numPassedTests ?? 0, failed, ok: run.status === 0 && failed === 0 };
}

const args = process.argv.slice(2);
const runs =
  args.length > 0
    ? [vitest(args, 'selected')]
    : [vitest(SERIAL.flatMap((f) => ['--exclude', f]), 'parallel'), vitest(SERIAL, 'serial')];
const passed = runs.reduce((n, r) => n + r.passed, 0);
const failed = runs.reduce((n, r) => n + r.failed, 0);
console.log(`${passed} passed, ${failed} failed`);
process.exit(runs.every((r) => r.ok) ? 0 : 1);
