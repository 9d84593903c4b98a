/**
 * Every shipped scenario runs on the local backend, for real (issue 4, "Done when": each
 * shipped scenario runs on `local` with every strategy, the k6 path included, in CI).
 *
 * For each file in `scenarios/*.yaml`, unmodified: one real `rollout-lab run FILE
 * --backend local --trials 1 --time-scale 100` with every strategy of the scenario and the
 * built-in load; then one more run of the same file with `--load k6` and one strategy,
 * chosen by rotation over the sorted files (the i-th file gets its i-th strategy), so that
 * together the k6 runs cover every strategy: connection-leak × recreate, control ×
 * rolling, latency-injection × blue-green, schema-mismatch-api × canary,
 * schema-mismatch-db × shadow, sticky-sessions × feature-flag.
 *
 * How it runs: as a child process, `node --import tsx src/cli/entry.ts run …` — what
 * `bin/rollout-lab.js` runs once built (both call cli/main.ts's `main`), so the test
 * needs no build step (`make test` does not build) and cannot run a stale dist/. The
 * replicas run the service transpiled to plain JavaScript (ROLLOUT_LAB_SERVICE_MAIN, as
 * in local-kill.test.ts), as they would run dist/service/main.js. TMPDIR points at a
 * folder of this test, so every process and file of a run carries that path and can be
 * found: replicas (their `--db` is in the trial's temp dir), k6 (its script), the
 * down-migration command.
 *
 * What "runs" means, asserted for every trial — mechanics, not simulated outcomes (those
 * belong to `sim`, and a single local trial at ×100 is a drill, not a statistic):
 * - the CLI exits 0 (or 1 only because a scenario's `spec.assert` failed on n = 1),
 *   having written results.json (`backend: "local"`, the time scale, one trial per
 *   strategy), report.html and report.md;
 * - the trial's journal is readable (readJournalDir), ends with an `end` event that is not
 *   an interruption, its events are in time order, and measureTrial works on it and gives
 *   exactly the measures results.json holds;
 * - the tallies show real load at the scenario's rate (lead-in requests per scenario
 *   second ≈ rate ÷ k, all on v1) and requests on the versions the strategy should have
 *   used: v2 served users (canary, blue-green, feature-flag, and recreate/rolling), or
 *   copies were mirrored to it (shadow); after `fullyPromoted` and until an abort, users
 *   are on v2; after an abort's `routingRestored`, back on v1;
 * - nothing is left: no process of the run, no listening port it opened, no temp file;
 *   and during the run, never more replicas than two ReplicaSets' worth, at most one
 *   trial temp dir and one k6 at a time (what a trial leaking into the next would break).
 *
 * The time scale: ×100, chosen for the wall-time budget (the 36 built-in trials are ~710
 * scenario minutes, i.e. ~7 real minutes at ×100, plus ~3 s of start-up and shutdown per
 * trial, and the six k6 trials ~110 scenario minutes: ~12 minutes in all on two cores)
 * and kept there because it still leaves every trial meaningful (docs/fidelity.md, "What
 * the time scale compresses"):
 * - the scrape interval (15 s) is 150 ms real and an analysis interval (30 s) 300 ms:
 *   well above the scraper's and the controller's timer resolution;
 * - the connection leak's ramp is leakPerRequest × k = 0.2, still below the cap of 1 (at
 *   ×500 it would be capped and pools would drain faster than in the scenario);
 * - at the scenarios' 200 requests/s, a scenario second carries 2 real requests: a
 *   1-minute analysis window holds ~120 requests, ~12 of them on a 10% canary — enough
 *   for every query to have data (an empty canary window is an Error in Argo's rules),
 *   though error ratios are noisy (disagreement 2 in docs/fidelity.md);
 * - the cost: a replica's real boot (~1 s with several starting at once on two cores) is
 *   ~100 s of scenario time against the scenarios' 10 s `startup`, so recreate's downtime
 *   and a rolling update's pace are minutes longer than simulated (disagreement 1). This
 *   test therefore asserts what happened, not when; use ×10–×20 for timelines.
 */
import type { ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JournalData, VersionTallies } from '../journal/journal.js';
import { readJournalDir } from '../journal/journal-file.js';
import { measureTrial } from '../measure/trial-measures.js';
import { loadScenarios } from '../scenario/load.js';
import type { Scenario } from '../scenario/model.js';
import { removeCompiledService } from '../service/test-support/compiled-service.js';
import {
  commandLine,
  listeningPorts,
  PACKAGE_ROOT,
  pidsOfRun,
  pidsWithCommandLine,
  spawnCliRun,
  until,
} from '../targets/local/test-support/local-fixture.js';
import { K6_VERSION } from '../traffic/k6/k6-binary.js';
import { K6_BINARY } from '../traffic/k6/test-support/k6-available.js';
import { rateAt } from '../traffic/rate-profile.js';

const TIME_SCALE = 100;

/** The shipped scenario files, sorted. */
const FILES = readdirSync(join(PACKAGE_ROOT, 'scenarios'))
  .filter((f) => f.endsWith('.yaml'))
  .sort();
const SCENARIOS: Scenario[] = loadScenarios(
  FILES.map((f) => join(PACKAGE_ROOT, 'scenarios', f)),
  { cwd: PACKAGE_ROOT },
);

afterAll(() => removeCompiledService());

/** What was seen of a run while it ran, and after. */
interface RunOutcome {
  readonly code: number | null;
  readonly stderr: string;
  /** The output folder (--out). */
  readonly out: string;
  /** Most replica (service) processes alive at once. */
  readonly maxReplicas: number;
  readonly maxK6: number;
  /** Most trial temp dirs (rollout-lab-local-*) present at once. */
  readonly maxTrialDirs: number;
  readonly wallMs: number;
}

/**
 * `rollout-lab run FILE --backend local --trials 1 --time-scale 100 …args` in a child
 * process with its own TMPDIR; watches it while it runs, checks afterwards that it left no
 * process, listening port or temp file behind, hands what it saw to `check`, and removes
 * everything of the run.
 */
async function runLocal(
  file: string,
  args: readonly string[],
  timeoutMs: number,
  check: (run: RunOutcome) => void,
): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'rollout-lab-shipped-test-'));
  const runTmp = join(root, 'tmp');
  const out = join(root, 'out');
  mkdirSync(runTmp);
  let child: ChildProcess | null = null;
  const started = performance.now();
  try {
    const run = spawnCliRun(
      [
        'run',
        join('scenarios', file),
        '--backend',
        'local',
        '--trials',
        '1',
        '--time-scale',
        String(TIME_SCALE),
        '--no-progress',
        '--out',
        out,
        ...args,
      ],
      runTmp,
    );
    child = run.child;
    const pid = child.pid!;

    // While it runs: every port the run listens on, and the most processes and temp dirs at once.
    const ports = new Set<number>();
    let maxReplicas = 0;
    let maxK6 = 0;
    let maxTrialDirs = 0;
    const watch = () => {
      const pids = pidsWithCommandLine(runTmp);
      const k6 = pids.filter((p) => commandLine(p).includes('rollout-lab-k6-')).length;
      maxK6 = Math.max(maxK6, k6);
      maxReplicas = Math.max(maxReplicas, pids.length - k6);
      for (const port of listeningPorts([pid, ...pids])) ports.add(port);
      try {
        const dirs = readdirSync(runTmp).filter((d) => d.startsWith('rollout-lab-local-')).length;
        maxTrialDirs = Math.max(maxTrialDirs, dirs);
      } catch {
        // removed meanwhile
      }
    };
    const watcher = setInterval(watch, 250);
    const exit = await new Promise<number | null>((resolve, reject) => {
      const timer = setTimeout(() => {
        child?.kill('SIGTERM');
        reject(
          new Error(
            `rollout-lab run ${file} ${args.join(' ')}: still running after ${timeoutMs} ms\n${run.stderr()}`,
          ),
        );
      }, timeoutMs);
      child!.once('exit', (code) => {
        clearTimeout(timer);
        resolve(code);
      });
    }).finally(() => clearInterval(watcher));
    const wallMs = performance.now() - started;

    // Nothing left: processes of the run, ports it listened on, temp files (tsx-*: the
    // TypeScript loader's cache, there because the CLI runs from source).
    // With no process of the run left, no port of the run can still be listening; a port
    // it used may since have been taken by an unrelated process (said, not failed).
    await until(() => pidsOfRun(runTmp).length === 0, 'no process of the run left', 5_000);
    const reused = [...ports].filter((p) => listeningPorts().has(p));
    if (reused.length > 0)
      console.info(`ports of the run now listened on by other processes: ${reused.join(', ')}`);
    expect(readdirSync(runTmp).filter((f) => !f.startsWith('tsx-'))).toEqual([]);
    expect(ports.size, 'the run listened (router, replicas)').toBeGreaterThan(1);
    check({ code: exit, stderr: run.stderr(), out, maxReplicas, maxK6, maxTrialDirs, wallMs });
  } finally {
    if (child && child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    rmSync(root, { recursive: true, force: true });
  }
}

function sum(values: ArrayLike<number>, from = 0, to = values.length): number {
  let s = 0;
  for (let i = Math.max(0, from); i < Math.min(values.length, to); i++) s += values[i];
  return s;
}

/** Share of the user requests in scenario seconds [from, to) served by v2. */
function v2Share(versions: Record<'stable' | 'canary', VersionTallies>, from: number, to: number) {
  const v2 = sum(versions.canary.requests, from, to);
  const v1 = sum(versions.stable.requests, from, to);
  return { v2, v1, share: v2 / Math.max(1, v1 + v2) };
}

/** Scenario seconds after an event before traffic is expected to have moved (in-flight, draining). */
const MOVE_S = 30;

/** The per-trial assertions; returns a one-line summary of what happened. */
function checkTrial(scenario: Scenario, strategy: string, journal: JournalData, cellTrial: unknown): string {
  const where = `${scenario.name} × ${strategy}`;
  const { header, events, tallies } = journal;
  expect(header, where).toMatchObject({
    scenario: scenario.name,
    strategy,
    backend: 'local',
    timeScale: TIME_SCALE,
  });
  const end = events.at(-1);
  expect(end?.type, where).toBe('end');
  expect(
    end?.type === 'end' && end.reason.startsWith('interrupted'),
    `${where}: ${JSON.stringify(end)}`,
  ).toBe(false);
  const times = events.map((e) => e.t);
  expect(times, where).toEqual([...times].sort((a, b) => a - b));
  expect(events.some((e) => e.type === 'releaseStarted')).toBe(true);

  const m = measureTrial(journal);
  expect(cellTrial, `${where}: results.json holds measureTrial(journal)`).toEqual(
    JSON.parse(JSON.stringify(m)),
  );
  expect(m.onsetMs, `${where}: the fault's onset (or v2's first request)`).not.toBeNull();
  expect(m.detected, where).toBe(events.some((e) => e.type === 'detected'));

  // Real load at the scenario's rate: in the lead-in (after the first 10 s), ~rate ÷ k
  // requests per scenario second, all on v1.
  const leadIn = Math.floor(scenario.leadInMs / 1000);
  let expected = 0;
  for (let s = 10; s < leadIn; s++) expected += rateAt(scenario.traffic.profile, s * 1000 + 500) / TIME_SCALE;
  const seen = sum(tallies.versions.stable.requests, 10, leadIn);
  expect(
    seen / expected,
    `${where}: lead-in requests ${seen} against ${expected.toFixed(0)} expected`,
  ).toBeGreaterThan(0.7);
  expect(seen / expected, where).toBeLessThan(1.3);
  // Tallies are by scheduled second (no coordinated omission): a request scheduled in the
  // last moments before the release but sent a little late may be served by v2. 10
  // scenario seconds is 0.1 s real at ×100, far more than the generator's lateness.
  expect(sum(tallies.versions.canary.requests, 0, leadIn - 10), `${where}: v2 before the release`).toBe(0);

  // The versions the strategy should have used.
  const kind = header.strategyKind;
  const endS = Math.floor((end?.t ?? 0) / 1000);
  const abort = events.find((e) => e.type === 'abort');
  const promoted = events.find((e) => e.type === 'fullyPromoted');
  const restored = events.find((e) => e.type === 'routingRestored');
  const v2Total = sum(tallies.versions.canary.requests);
  const mirrored = sum(tallies.mirrored);
  if (kind === 'shadow') {
    expect(mirrored, `${where}: copies mirrored to v2`).toBeGreaterThan(0);
    if (promoted) expect(v2Total, `${where}: v2 served after the promotion`).toBeGreaterThan(0);
  } else {
    expect(v2Total, `${where}: requests served by v2`).toBeGreaterThan(0);
  }
  if (kind === 'recreate' || kind === 'rollingUpdate') {
    // A rollout without traffic split: it either completes (all on v2) or is rolled back.
    expect(promoted !== undefined || abort !== undefined, `${where}: promoted or rolled back`).toBe(true);
  }
  if (promoted) {
    const from = Math.floor(promoted.t / 1000) + MOVE_S;
    const to = abort ? Math.floor(abort.t / 1000) : endS;
    if (to - from >= 30) {
      const s = v2Share(tallies.versions, from, to);
      expect(s.share, `${where}: users on v2 after the promotion (${s.v2} v2, ${s.v1} v1)`).toBeGreaterThan(
        0.9,
      );
    }
  }
  if (abort && restored && restored.t >= abort.t) {
    const from = Math.floor(restored.t / 1000) + MOVE_S;
    if (endS - from >= 30) {
      const s = v2Share(tallies.versions, from, endS);
      expect(s.share, `${where}: users back on v1 after the rollback (${s.v2} v2, ${s.v1} v1)`).toBeLessThan(
        0.1,
      );
    }
  }

  const fmt = (ms: number | null) => (ms === null ? '—' : `${(ms / 1000).toFixed(0)}s`);
  const requests = sum(tallies.versions.stable.requests) + v2Total;
  return [
    `${scenario.name} × ${strategy} (${header.backend} ×${header.timeScale})`,
    m.detected ? `detected ${fmt(m.detectionMs)} by ${m.detector}` : 'not detected',
    m.aborted ? 'aborted' : m.promoted ? 'promoted' : 'not promoted',
    m.detected ? (m.recovered ? `recovered ${fmt(m.rollbackMs)}` : 'not recovered') : '',
    `${requests} requests, ${v2Total} on v2, ${mirrored} mirrored; end ${fmt(m.endMs)} (${m.endReason})`,
  ]
    .filter((s) => s !== '')
    .join('; ');
}

interface ResultsJson {
  backend: string;
  timeScale: number;
  cells: { scenario: string; strategy: string; trials: unknown[] }[];
}

/** The run's outputs and every trial of it. */
function checkRun(run: RunOutcome, scenario: Scenario, strategies: readonly string[], load: string): void {
  const where = `${scenario.name} (${load})`;
  // Exit 0, or 1 only because a scenario assertion failed on one trial.
  const assertionOnly =
    run.code === 1 &&
    /assertions: \d+ of \d+ failed/.test(run.stderr) &&
    !/Error|at .*\.ts:\d+/.test(run.stderr);
  expect(run.code === 0 || assertionOnly, `${where}: exit ${run.code}\n${run.stderr}`).toBe(true);
  expect(run.stderr).toContain(`${strategies.length} local trials in`);
  expect(run.maxTrialDirs, `${where}: one trial at a time`).toBeLessThanOrEqual(1);
  expect(run.maxReplicas, `${where}: replicas alive at once`).toBeGreaterThanOrEqual(
    scenario.service.replicas,
  );
  expect(run.maxReplicas, `${where}: replicas alive at once`).toBeLessThanOrEqual(
    2 * scenario.service.replicas + 3,
  );
  expect(run.maxK6, `${where}: k6 processes at once`).toBe(load === 'k6' ? 1 : 0);

  const outDir = run.out;
  for (const f of ['results.json', 'report.html', 'report.md'])
    expect(existsSync(join(outDir, f)), f).toBe(true);
  const results = JSON.parse(readFileSync(join(outDir, 'results.json'), 'utf8')) as ResultsJson;
  expect(results.backend).toBe('local');
  expect(results.timeScale).toBe(TIME_SCALE);
  expect(results.cells.map((c) => c.strategy)).toEqual(strategies);
  const lines: string[] = [];
  for (const cell of results.cells) {
    expect(cell.trials).toHaveLength(1);
    const journals = readJournalDir(join(outDir, 'journals', scenario.name, cell.strategy));
    expect(journals).toHaveLength(1);
    lines.push(`${checkTrial(scenario, cell.strategy, journals[0], cell.trials[0])}; ${load}`);
  }
  console.info(`${lines.join('\n')}\n${where}: ${(run.wallMs / 1000).toFixed(1)} s wall`);
}

/** k6 is installed by scripts/install-tools.sh (`make setup`, which `make test` runs): never skipped. */
function requireK6(): void {
  if (K6_BINARY === undefined) {
    throw new Error(
      `k6 not found on PATH or in $(go env GOPATH)/bin: run scripts/install-tools.sh (make setup), ` +
        `which installs the pinned k6 (go install go.k6.io/k6@${K6_VERSION})`,
    );
  }
}

describe('every shipped scenario on the local backend (×100)', () => {
  SCENARIOS.forEach((scenario, i) => {
    const file = FILES[i];
    const names = scenario.strategies.map((s) => s.name);
    // Budget: the scenario's trials (≤ 45 scenario minutes each) at ×100, start-ups, a margin.
    const budgetMs = (names.length * 45 * 60_000) / TIME_SCALE + names.length * 15_000 + 60_000;

    it(
      `${file}: every strategy (${names.join(', ')}), built-in load`,
      async () => {
        await runLocal(file, [], budgetMs, (run) => checkRun(run, scenario, names, 'builtin'));
      },
      budgetMs + 30_000,
    );

    const k6Strategy = names[i % names.length];
    it(`${file}: ${k6Strategy} with k6 as the load`, async () => {
      requireK6();
      await runLocal(file, ['--strategy', k6Strategy, '--load', 'k6'], 120_000, (run) =>
        checkRun(run, scenario, [k6Strategy], 'k6'),
      );
    }, 150_000);
  });
});
