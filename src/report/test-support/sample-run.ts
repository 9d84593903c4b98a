/**
 * A small hand-made run folder for the report's end-to-end tests: a fault scenario in
 * which one strategy detects every time, one detects 6 of 10 (so its median must be the
 * Kaplan–Meier one, 55 s, and not the 35 s of the detected alone) and one never detects;
 * and a control scenario. Assertions included, one of which fails.
 */
import { detectedTrials, type RunSpec, type TrialSpec, writeRunDir } from './journals.js';

const range = (n: number, from: number, step: number) => Array.from({ length: n }, (_, i) => from + i * step);

export const SAMPLE_RUN: RunSpec = {
  scenarios: [
    {
      name: 'leak',
      seed: 42,
      assertions: ['canary.detection.p90 < 3m', 'partial.detection.rate > 0.9', '*.escapes < 100%'],
      cells: [
        { strategy: 'canary', trials: detectedTrials(range(10, 10, 10), 20) },
        {
          strategy: 'partial',
          strategyKind: 'rollingUpdate',
          trials: [
            ...detectedTrials([10, 20, 30, 40, 50, 60], 40),
            ...range(4, 6, 1).map((trial): TrialSpec => ({ trial, detectedS: null, promotedS: 200 })),
          ],
        },
        {
          strategy: 'never',
          strategyKind: 'recreate',
          trials: range(10, 0, 1).map((trial): TrialSpec => ({ trial, detectedS: null, promotedS: 100 })),
        },
      ],
    },
    {
      name: 'healthy',
      faultType: 'none',
      seed: 42,
      assertions: ['canary.falseRollbacks < 0.5'],
      cells: [
        {
          strategy: 'canary',
          trials: range(10, 0, 1).map((trial) => ({
            trial,
            failRate: 0,
            detectedS: trial === 0 ? 100 : null,
            recoveredS: trial === 0 ? 110 : null,
          })),
        },
        {
          strategy: 'partial',
          strategyKind: 'rollingUpdate',
          trials: range(10, 0, 1).map((trial) => ({ trial, failRate: 0 })),
        },
      ],
    },
  ],
};

/** Writes the sample run into `dir`. */
export function writeSampleRun(dir: string): void {
  writeRunDir(dir, SAMPLE_RUN);
}
