import { describe, expect, it } from 'vitest';
import { validateMetrics } from './analysis-run-validate.js';
import { metric } from './test-support/fakes.js';

describe('validateMetrics (utils/analysis ValidateMetrics)', () => {
  it('accepts Argo defaults', () => {
    expect(validateMetrics([metric()])).toBeNull();
  });

  // Each row: the check, the metrics, the expected message (Argo's test name where it has one).
  it.each([
    ['"Ensure metric provider listed": no metrics', [], 'no metrics specified'],
    [
      '"Ensure no duplicate metric names"',
      [metric({ name: 'a' }), metric({ name: 'a' })],
      "metrics[1]: duplicate name 'a'",
    ],
    [
      '"Ensure interval set when count > 1"',
      [metric({ count: 2 })],
      'metrics[0]: interval must be specified when count > 1',
    ],
    [
      'count must be >= failureLimit',
      [metric({ count: 2, intervalMs: 1000, failureLimit: 3 })],
      'metrics[0]: count must be >= failureLimit',
    ],
    [
      'count must be >= inconclusiveLimit',
      [metric({ count: 2, intervalMs: 1000, inconclusiveLimit: 3 })],
      'metrics[0]: count must be >= inconclusiveLimit',
    ],
    [
      'count must be >= consecutiveSuccessLimit',
      [metric({ count: 2, intervalMs: 1000, consecutiveSuccessLimit: 3 })],
      'metrics[0]: count must be >= consecutiveSuccessLimit',
    ],
    [
      '"Ensure inconclusiveLimit >= 0"',
      [metric({ inconclusiveLimit: -1 })],
      'metrics[0]: inconclusiveLimit must be >= 0',
    ],
    [
      'consecutiveErrorLimit >= 0',
      [metric({ consecutiveErrorLimit: -1 })],
      'metrics[0]: consecutiveErrorLimit must be >= 0',
    ],
    [
      'failureLimit below -1',
      [metric({ failureLimit: -2 })],
      'metrics[0]: failureLimit must be >= -1 (-1 disables it)',
    ],
    [
      'failureLimit -1 needs consecutiveSuccessLimit',
      [metric({ failureLimit: -1 })],
      'metrics[0]: failureLimit is disabled (-1), so consecutiveSuccessLimit must be > 0',
    ],
    ['lab: interval must be positive', [metric({ intervalMs: 0 })], 'metrics[0]: interval must be > 0'],
    [
      'lab: initialDelay not negative',
      [metric({ initialDelayMs: -1 })],
      'metrics[0]: initialDelay must be >= 0',
    ],
  ] as const)('%s', (_check, metrics, message) => {
    expect(validateMetrics(metrics)).toBe(message);
  });

  it('failureLimit -1 with consecutiveSuccessLimit is valid', () => {
    expect(validateMetrics([metric({ failureLimit: -1, consecutiveSuccessLimit: 2 })])).toBeNull();
  });
});
