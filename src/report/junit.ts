/**
 * `junit.xml`: one testsuite per scenario with assertions, one testcase per assertion, so
 * a CI system shows each gate. No timestamps or durations, so the file is the same for
 * the same run.
 */
import type { AssertionResult } from './assertions/evaluate.js';

/** Text safe inside XML attributes and elements (and free of characters XML 1.0 forbids). */
export function xmlEscape(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

function counts(results: readonly AssertionResult[]): string {
  const n = (s: AssertionResult['status']) => results.filter((r) => r.status === s).length;
  return `tests="${results.length}" failures="${n('failed')}" errors="${n('error')}" skipped="${n('skipped')}"`;
}

function testcase(r: AssertionResult): string {
  const head = `    <testcase classname="rollout-lab.${xmlEscape(r.scenario)}" name="${xmlEscape(r.text)}"`;
  const message = xmlEscape(r.message);
  switch (r.status) {
    case 'passed':
      return `${head}>\n      <system-out>${message}</system-out>\n    </testcase>`;
    case 'failed':
      return `${head}>\n      <failure message="${message}" type="AssertionFailed">${message}</failure>\n    </testcase>`;
    case 'error':
      return `${head}>\n      <error message="${message}" type="InvalidAssertion">${message}</error>\n    </testcase>`;
    case 'skipped':
      return `${head}>\n      <skipped message="${message}"/>\n    </testcase>`;
  }
}

/** The JUnit XML of the results, grouped by scenario in the order given. */
export function junitXml(results: readonly AssertionResult[]): string {
  const scenarios = [...new Set(results.map((r) => r.scenario))];
  const suites = scenarios.map((scenario) => {
    const own = results.filter((r) => r.scenario === scenario);
    return [
      `  <testsuite name="${xmlEscape(scenario)}" ${counts(own)}>`,
      ...own.map(testcase),
      '  </testsuite>',
    ].join('\n');
  });
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<testsuites name="rollout-lab" ${counts(results)}>`,
    ...suites,
    '</testsuites>',
    '',
  ].join('\n');
}
