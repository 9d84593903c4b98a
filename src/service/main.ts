/**
 * Entry of the synthetic instrumented service (dist/service/main.js): one replica per
 * process. Prints one JSON line on stdout as soon as it listens,
 * `{"ready":false,"port":N,"pid":P}`, and `{"ready":true,...}` when its warm-up is over;
 * logs go to stderr.
 *
 * Exit codes: 0 after a graceful shutdown (SIGTERM, SIGINT, or stdin closed by a parent
 * that died); 2 for bad flags; 70 for the crashOnStart fault; 1 when starting failed.
 */
import { fstatSync } from 'node:fs';
import { createRng, deriveSeed } from '../stats/rng.js';
import { ConfigError, parseServiceArgs, type ServiceConfig, USAGE } from './config.js';
import { openConnection } from './db.js';
import { serviceFaults } from './faults.js';
import { revertMigration } from './migrations.js';
import { Service } from './server.js';

/** Exit code of a replica that crashed on start (the crashOnStart fault): EX_SOFTWARE. */
export const CRASH_EXIT_CODE = 70;
export const USAGE_EXIT_CODE = 2;

async function main(): Promise<void> {
  let command: ReturnType<typeof parseServiceArgs>;
  try {
    command = parseServiceArgs(process.argv.slice(2), process.env);
  } catch (error) {
    if (!(error instanceof ConfigError)) throw error;
    process.stderr.write(`service: ${error.message}\n(--help for usage)\n`);
    process.exit(USAGE_EXIT_CODE);
  }
  if (command.kind === 'help') {
    process.stdout.write(`${USAGE}\n`);
    return;
  }
  if (command.kind === 'revertMigration') {
    const db = openConnection(command.dbPath);
    try {
      const result = revertMigration(db);
      process.stdout.write(
        `${JSON.stringify({ reverted: result.reverted, schemaVersion: result.version })}\n`,
      );
    } finally {
      db.close();
    }
    return;
  }
  await serve(command.config);
}

async function serve(config: ServiceConfig): Promise<void> {
  const faults = serviceFaults(config.fault, config.release);
  const startRng = createRng(deriveSeed(config.seed, 'start'));
  const crashes = faults.crashOnStart > 0 && startRng.next() < faults.crashOnStart;
  let shutdown: (reason: string) => void = (reason) => {
    // Asked to stop before listening (during the migration): nothing to drain.
    process.stderr.write(`service: ${reason} while starting: exiting\n`);
    process.exit(0);
  };
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('SIGINT', () => shutdown('SIGINT'));
  if (watchesStdin(config.stdinLifeline)) {
    process.stdin.on('end', () => shutdown('stdin closed (parent gone)'));
    process.stdin.on('error', () => shutdown('stdin failed (parent gone)'));
    process.stdin.resume();
  }
  const service = await Service.start(config, faults);
  const line = (ready: boolean) =>
    process.stdout.write(`${JSON.stringify({ ready, port: service.port, pid: process.pid })}\n`);
  line(false);
  if (service.migration.applied.length > 0) {
    process.stderr.write(`service: applied migrations ${service.migration.applied.join(', ')}\n`);
  }

  // Warm-up counts from process start, as a pod's startup counts from its creation.
  const warmUpMs = faults.warmUpMs ?? config.startupMs;
  const remainingMs = Math.max(0, warmUpMs - performance.now());
  let shuttingDown = false;
  const warmUp = setTimeout(
    () => {
      if (shuttingDown) return;
      if (crashes) {
        process.stderr.write('service: crashOnStart fault: exiting before ready\n');
        process.exit(CRASH_EXIT_CODE);
      }
      service.warmedUp = true;
      line(true);
    },
    // A crash comes at a random moment of the warm-up, never after it.
    crashes ? remainingMs * startRng.next() : remainingMs,
  );

  shutdown = (reason: string) => {
    if (shuttingDown) return;
    shuttingDown = true;
    clearTimeout(warmUp);
    process.stderr.write(`service: ${reason}: draining (grace ${config.terminationGracePeriodMs} ms)\n`);
    void service.drain(config.terminationGracePeriodMs).then((cut) => {
      if (cut > 0) process.stderr.write(`service: grace period over, ${cut} request(s) cut\n`);
      process.exit(0);
    });
  };
}

/** auto: only a pipe or socket from a parent is a lifeline; a terminal or /dev/null is not. */
function watchesStdin(mode: ServiceConfig['stdinLifeline']): boolean {
  if (mode !== 'auto') return mode === 'always';
  try {
    const stat = fstatSync(0);
    return stat.isFIFO() || stat.isSocket();
  } catch {
    return false;
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`service: failed to start: ${(error as Error).stack ?? error}\n`);
  process.exit(1);
});
