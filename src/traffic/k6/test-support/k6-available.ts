/**
 * The k6 binary for tests that run it. In CI (CI=true) k6 must be there — .ci/run
 * installs the pinned version — and its absence fails loudly; elsewhere the tests are
 * skipped when k6 is not installed.
 */
import { findK6, K6_VERSION } from '../k6-binary.js';

export const K6_BINARY = findK6();
export const IN_CI = process.env.CI === 'true' || process.env.CI === '1';
/** Run k6 tests: k6 is installed, or we are in CI (where a missing k6 must fail). */
export const RUN_K6_TESTS = K6_BINARY !== undefined || IN_CI;

export function requireK6(): string {
  if (K6_BINARY === undefined) {
    throw new Error(
      `k6 is required in CI but was not found on PATH or in $(go env GOPATH)/bin: ` +
        `.ci/run should have installed it (go install go.k6.io/k6@${K6_VERSION})`,
    );
  }
  return K6_BINARY;
}
