/**
 * How schema violations read; the golden fixtures cover one of each kind, these the corners.
 */
import { describe, expect, it } from 'vitest';
import { errorsOf, MINIMAL_SPEC } from './test-support/inline.js';

describe('schema errors in words', () => {
  it('names the missing discriminator and its values', () => {
    expect(errorsOf(MINIMAL_SPEC.replace('fault: {type: none}', 'fault: {errorRate: 0.1}'))).toEqual([
      'inline.yaml:12:12: spec.release.fault: missing required key "type" (one of "none", "connectionLeak", ' +
        '"latency", "errorSpike", "apiSchemaMismatch", "dbSchemaMismatch", "networkLoss", "networkReset", ' +
        '"crashOnStart", "slowWarmUp")',
    ]);
  });

  it('lists the valid keys of the fault type in use', () => {
    const errors = errorsOf(MINIMAL_SPEC.replace('fault: {type: none}', 'fault: {type: latency, delay: 30}'));
    // The missing delayMs is the misspelt delay: reported once.
    expect(errors).toEqual([
      'inline.yaml:12:28: spec.release.fault: unknown key "delay" (did you mean "delayMs"?); valid keys here: type, delayMs, jitterMs, share, on',
    ]);
  });

  it('says what a strategy entry may be when it is neither', () => {
    expect(errorsOf(MINIMAL_SPEC.replace('[recreate]', '[recreate, 3]'))).toEqual([
      'inline.yaml:13:26: spec.strategies[1]: expected a preset name (recreate, rolling, blue-green, canary, shadow, ' +
        'feature-flag) or a strategy mapping, got 3',
    ]);
  });

  it('follows the mapping form of a strategy to its own mistakes', () => {
    expect(
      errorsOf(
        MINIMAL_SPEC.replace('[recreate]', '[{name: ru, rollingUpdate: {maxSurge: 25}}, {recreate: {}}]'),
      ),
    ).toEqual([
      'inline.yaml:13:59: spec.strategies[1]: missing required key "name" (a string): How this strategy is called in all output',
    ]);
  });

  it('explains int-or-percent and empty values', () => {
    expect(
      errorsOf(MINIMAL_SPEC.replace('[recreate]', '[{name: ru, rollingUpdate: {maxSurge: "25"}}]')),
    ).toEqual([
      'inline.yaml:13:53: spec.strategies[0].rollingUpdate.maxSurge: expected an integer such as 1 or a percentage such as 25%, got "25"',
    ]);
    expect(errorsOf(MINIMAL_SPEC.replace('rps: 100', 'rps:'))).toEqual([
      'inline.yaml:10:5: spec.traffic.rps: expected a number, got an empty value',
    ]);
  });
});
