/**
 * Ctrl-C and SIGTERM during a local run: the first signal aborts the run (the trial in
 * progress is stopped and journaled as interrupted, every replica killed, temp files
 * removed); a second one, or a shutdown that takes longer than `forceAfterMs`, exits at
 * once — the `exit` hook of child-registry.ts still kills every child and removes every
 * temp directory.
 */
import { killAllChildren, removeAllDirs } from '../targets/local/child-registry.js';

export interface InterruptHandle {
  readonly signal: AbortSignal;
  /** The signal received, or null. */
  received(): NodeJS.Signals | null;
  /** Remove the handlers (the run ended). */
  dispose(): void;
}

/** Exit code after a signal, as shells report it: 128 + its number. */
export function signalExitCode(signal: NodeJS.Signals): number {
  return signal === 'SIGINT' ? 130 : signal === 'SIGTERM' ? 143 : 1;
}

export function onInterrupt(forceAfterMs = 10_000): InterruptHandle {
  const controller = new AbortController();
  let got: NodeJS.Signals | null = null;
  let force: NodeJS.Timeout | null = null;
  const handler = (signal: NodeJS.Signals) => {
    if (got !== null) {
      killAllChildren();
      removeAllDirs();
      process.exit(signalExitCode(signal));
    }
    got = signal;
    process.stderr.write(`\nrollout-lab: ${signal}: stopping the run (again to force)\n`);
    controller.abort(signal);
    force = setTimeout(() => {
      process.stderr.write('rollout-lab: shutdown took too long: exiting\n');
      killAllChildren();
      removeAllDirs();
      process.exit(signalExitCode(signal));
    }, forceAfterMs);
    force.unref();
  };
  process.on('SIGINT', handler);
  process.on('SIGTERM', handler);
  return {
    signal: controller.signal,
    received: () => got,
    dispose: () => {
      process.off('SIGINT', handler);
      process.off('SIGTERM', handler);
      if (force) clearTimeout(force);
    },
  };
}
