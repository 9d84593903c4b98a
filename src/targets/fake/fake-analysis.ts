/**
 * Scripted stand-ins for the analysis seams (src/analysis/types.ts), for controller and
 * strategy tests: an AnalysisRunner whose runs move through phases on a script, and an
 * AlertEvaluator whose rules fire when a test says so. Both run on the injected clock.
 */

import type { AlertEvaluator, AlertWatch, AnalysisRunHandle, AnalysisRunner } from '../../analysis/types.js';
import type { Clock } from '../../clock/clock.js';
import { Priority } from '../../clock/clock.js';
import type { AnalysisPhase } from '../../journal/journal.js';
import type { AlertRuleModel, Millis, RolloutAnalysisModel } from '../../scenario/model.js';

/** A phase change `afterMs` after the run starts. */
export interface ScriptedPhase {
  readonly afterMs: Millis;
  readonly phase: AnalysisPhase;
}

/** Given a run's name, the phases it goes through; [] = Running until terminated. */
export type AnalysisScript = (name: string, analysis: RolloutAnalysisModel) => readonly ScriptedPhase[];

const TERMINAL: readonly AnalysisPhase[] = ['Successful', 'Failed', 'Error', 'Inconclusive'];

export interface FakeRun extends AnalysisRunHandle {
  readonly startedAt: Millis;
  readonly analysis: RolloutAnalysisModel;
  terminatedAt: Millis | null;
  /** Move the run to a phase now (a test's manual control). */
  set(phase: AnalysisPhase): void;
}

export class FakeAnalysisRunner implements AnalysisRunner {
  readonly runs: FakeRun[] = [];

  constructor(
    private readonly clock: Clock,
    private readonly script: AnalysisScript = () => [],
  ) {}

  start(
    name: string,
    analysis: RolloutAnalysisModel,
    onPhase: (phase: AnalysisPhase) => void,
  ): AnalysisRunHandle {
    const clock = this.clock;
    let phase: AnalysisPhase = 'Pending';
    const timers: number[] = [];
    const change = (next: AnalysisPhase) => {
      if (TERMINAL.includes(phase) || next === phase) return;
      phase = next;
      if (TERMINAL.includes(next)) for (const t of timers) clock.cancel(t);
      onPhase(next);
    };
    const run: FakeRun = {
      name,
      analysis,
      startedAt: clock.now(),
      terminatedAt: null,
      phase: () => phase,
      terminate: () => {
        if (TERMINAL.includes(phase)) return;
        run.terminatedAt = clock.now();
        change('Successful');
      },
      set: change,
    };
    this.runs.push(run);
    for (const s of this.script(name, analysis)) {
      timers.push(clock.after(s.afterMs, () => change(s.phase), Priority.measure));
    }
    // The real runner reports Running at once; do it synchronously to keep callers honest.
    change('Running');
    return run;
  }

  run(name: string): FakeRun {
    const found = this.runs.find((r) => r.name === name);
    if (!found)
      throw new Error(`no AnalysisRun ${name}; started: ${this.runs.map((r) => r.name).join(', ')}`);
    return found;
  }
}

export class FakeAlertEvaluator implements AlertEvaluator {
  readonly watches: {
    rules: readonly AlertRuleModel[];
    stoppedAt: Millis | null;
    onFiring: (r: AlertRuleModel) => void;
  }[] = [];

  constructor(private readonly clock: Clock) {}

  watch(rules: readonly AlertRuleModel[], onFiring: (rule: AlertRuleModel) => void): AlertWatch {
    const entry = { rules, stoppedAt: null as Millis | null, onFiring };
    this.watches.push(entry);
    return {
      stop: () => {
        entry.stoppedAt = this.clock.now();
      },
    };
  }

  /** The rule `name` starts firing at `at` (in every watch still active then). */
  fireAt(at: Millis, name: string): void {
    this.clock.at(
      at,
      () => {
        for (const w of this.watches) {
          const rule = w.rules.find((r) => r.name === name);
          if (rule && w.stoppedAt === null) w.onFiring(rule);
        }
      },
      Priority.alert,
    );
  }
}
