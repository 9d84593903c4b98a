/**
 * Kill in the middle: a real `rollout-lab run --backend local` as a child process gets
 * SIGTERM (and, in a second run, SIGINT) during its second trial. It must exit promptly,
 * leave no process, listening port or temp file behind, and leave journals that
 * readJournalDir reads: the first trial whole, the second ending "interrupted".
 *
 * The CLI runs from source (`node --import tsx src/cli/entry.ts`, what bin/rollout-lab.js
 * runs once built) with the service transpiled for tests (ROLLOUT_LAB_SERVICE_MAIN), and
 * TMPDIR pointing at a folder of this test, so every file and process of the run can be
 * found by that path.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readJournalDir } from '../journal/journal-file.js';
import { removeCompiledService } from '../service/test-support/compiled-service.js';
import {
  commandLine,
  listeningPorts,
  pidsOfRun,
  pidsWithCommandLine,
  spawnCliRun,
  until,
} from '../targets/local/test-support/local-fixture.js';
import { RUN_K6_TESTS } from '../traffic/k6/test-support/k6-available.js';
import { smallScenarioText } from './test-support/local-scenarios.js';

afterAll(() => removeCompiledService());

async function killInTheMiddle(signal: 'SIGTERM' | 'SIGINT', load: 'builtin' | 'k6' = 'builtin') {
  const root = mkdtempSync(join(tmpdir(), 'rollout-lab-kill-test-'));
  const runTmp = join(root, 'tmp');
  const out = join(root, 'out');
  const file = join(root, 'kill.yaml');
  mkdirSync(runTmp);
  writeFileSync(file, smallScenarioText('kill', '{type: none}'));
  let child: ChildProcess | null = null;
  try {
    const run = spawnCliRun(
      [
        'run',
        file,
        '--backend',
        'local',
        '--time-scale',
        '50',
        '--trials',
        '2',
        '--load',
        load,
        '--out',
        out,
      ],
      runTmp,
    );
    child = run.child;
    const stderr = run.stderr;
    const exited = new Promise<{ code: number | null; sig: NodeJS.Signals | null }>((resolve) =>
      child!.once('exit', (code, sig) => resolve({ code, sig })),
    );
    const journals = join(out, 'journals', 'kill', 'canary');
    // The first trial is written, and the second one's replicas are up.
    await until(
      () => existsSync(join(journals, 'trials-000000-000000.jsonl.gz')),
      `trial 1 written\n${stderr()}`,
      60_000,
    );
    await until(() => pidsWithCommandLine(runTmp).length >= 2, 'trial 2 replicas', 30_000);
    // The router and both replicas listen: trial 2 is under way.
    const portsOfRun = () => listeningPorts([child!.pid!, ...pidsWithCommandLine(runTmp)]);
    await until(() => portsOfRun().size >= 3, 'the router and two replicas listening', 30_000);
    const ports = portsOfRun();
    if (load === 'k6') {
      const k6 = () =>
        pidsWithCommandLine(runTmp).filter((pid) => commandLine(pid).includes('rollout-lab-k6-'));
      await until(() => k6().length === 1, 'k6 running', 30_000);
    }
    const sentAt = performance.now();
    child.kill(signal);
    const exit = await exited;
    const tookMs = performance.now() - sentAt;
    expect(tookMs).toBeLessThan(10_000);
    expect(exit.code).toBe(signal === 'SIGTERM' ? 143 : 130);
    expect(stderr()).toContain(`interrupted by ${signal}`);

    // Nothing left: processes (service replicas: their command line holds the temp path; k6
    // would too), listening ports of the run, temp files.
    // (A port the run used may since have been taken by an unrelated process: only ports
    // held by the run's own processes would be a leak, and those processes are gone.)
    await until(() => pidsOfRun(runTmp).length === 0, 'no process of the run');
    expect(ports.size).toBeGreaterThanOrEqual(3);
    // (tsx-*: the TypeScript loader's own cache, there because the CLI runs from source.)
    expect(readdirSync(runTmp).filter((f) => !f.startsWith('tsx-'))).toEqual([]);

    // The journals so far are readable: trial 1 whole, trial 2 interrupted.
    const read = readJournalDir(journals);
    expect(read).toHaveLength(2);
    expect(read[0].events.at(-1)?.type).toBe('end');
    expect(read[1].events.at(-1)).toMatchObject({ type: 'end', reason: `interrupted (${signal})` });
    expect(existsSync(join(out, 'results.json'))).toBe(true);
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}

describe('a local run killed in the middle', () => {
  it('SIGTERM: exits promptly, leaves nothing behind, keeps readable journals', async () => {
    await killInTheMiddle('SIGTERM');
  }, 120_000);

  it('SIGINT (Ctrl-C): the same', async () => {
    await killInTheMiddle('SIGINT');
  }, 120_000);

  it.skipIf(!RUN_K6_TESTS)(
    'SIGTERM with k6 as the load: k6 is stopped too',
    async () => {
      await killInTheMiddle('SIGTERM', 'k6');
    },
    120_000,
  );
});
