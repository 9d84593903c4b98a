import { describe, expect, it } from 'vitest';
import type { AssertionResult } from './assertions/evaluate.js';
import { junitXml, xmlEscape } from './junit.js';

const result = (
  scenario: string,
  text: string,
  status: AssertionResult['status'],
  message: string,
): AssertionResult => ({
  scenario,
  text,
  status,
  message,
  checks: [],
});

describe('junitXml', () => {
  it('writes one testsuite per scenario and one testcase per assertion, with counts', () => {
    const xml = junitXml([
      result('leak', 'canary.detection.p90 < 3m', 'passed', 'canary.detection.p90 = 2m, n = 40; wanted < 3m'),
      result('leak', 'canary.escapes < 0.2', 'failed', 'canary.escapes.rate = 30%, n = 40; wanted < 0.2'),
      result('control', 'shadow.falseRollbacks < 1%', 'skipped', 'strategy shadow was not run'),
      result('control', 'canary.x < 1', 'error', 'invalid assertion: unknown quantity "x"'),
    ]);
    expect(xml).toBe(`<?xml version="1.0" encoding="UTF-8"?>
<testsuites name="rollout-lab" tests="4" failures="1" errors="1" skipped="1">
  <testsuite name="leak" tests="2" failures="1" errors="0" skipped="0">
    <testcase classname="rollout-lab.leak" name="canary.detection.p90 &lt; 3m">
      <system-out>canary.detection.p90 = 2m, n = 40; wanted &lt; 3m</system-out>
    </testcase>
    <testcase classname="rollout-lab.leak" name="canary.escapes &lt; 0.2">
      <failure message="canary.escapes.rate = 30%, n = 40; wanted &lt; 0.2" type="AssertionFailed">canary.escapes.rate = 30%, n = 40; wanted &lt; 0.2</failure>
    </testcase>
  </testsuite>
  <testsuite name="control" tests="2" failures="0" errors="1" skipped="1">
    <testcase classname="rollout-lab.control" name="shadow.falseRollbacks &lt; 1%">
      <skipped message="strategy shadow was not run"/>
    </testcase>
    <testcase classname="rollout-lab.control" name="canary.x &lt; 1">
      <error message="invalid assertion: unknown quantity &quot;x&quot;" type="InvalidAssertion">invalid assertion: unknown quantity &quot;x&quot;</error>
    </testcase>
  </testsuite>
</testsuites>
`);
  });

  it('escapes markup and drops characters XML cannot hold', () => {
    expect(xmlEscape(`a<b>&"c'\u0001`)).toBe('a&lt;b&gt;&amp;&quot;c&apos;\uFFFD');
  });
});
