import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../test-support/temp-dir.js';
import { formatScenarioErrors, ScenarioValidationError } from './errors.js';
import { loadScenario, loadScenarios, validateScenarioFile } from './load.js';
import { errorsOf, MINIMAL_SPEC, scenarioText } from './test-support/inline.js';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

const tempDir = tempDirs('rollout-lab-load-');

describe('loadScenario', () => {
  it('loads the valid example fixture', () => {
    const scenario = loadScenario('fixtures/scenarios/valid-minimal.yaml', { cwd: ROOT });
    expect(scenario.name).toBe('error-spike-small');
    expect(scenario.file).toBe(join(ROOT, 'fixtures/scenarios/valid-minimal.yaml'));
    expect(scenario.strategies.map((s) => s.name)).toEqual(['rolling', 'canary', 'canary-fast']);
  });

  it('throws every error of the file at once, in file order', () => {
    const dir = tempDir();
    writeFileSync(
      join(dir, 'many.yaml'),
      scenarioText(`
  service:
    replicas: 10
    latency: {p50Ms: 40, p99Ms: 20}
  traffic:
    rsp: 100
  release:
    fault: {type: none}
  leadIn: 5 minutes
  strategies: [recreate, rollin]
`),
    );
    let thrown: unknown;
    try {
      loadScenario('many.yaml', { cwd: dir });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ScenarioValidationError);
    expect(formatScenarioErrors((thrown as ScenarioValidationError).errors)).toBe(
      [
        'many.yaml:8:33: spec.service.latency.p99Ms: must be greater than p50Ms (40), got 20; a tail is slower than the median',
        'many.yaml:10:5: spec.traffic: unknown key "rsp" (did you mean "rps"?); valid keys here: rps, profile, profileScale, clients, sessions, headers',
        'many.yaml:13:11: spec.leadIn: expected a duration such as 250ms, 30s, 5m, 1h or 1m30s (a bare number is seconds), got "5 minutes"',
        'many.yaml:14:26: spec.strategies[1]: unknown strategy preset "rollin" (did you mean "rolling"?); presets: recreate, rolling, blue-green, canary, shadow, feature-flag; or write the strategy out as a mapping with a name and one of recreate, rollingUpdate, blueGreen, canary, shadow, featureFlag',
        '',
      ].join('\n'),
    );
  });

  it('names a file it cannot read', () => {
    expect(validateScenarioFile('nope.yaml', { cwd: tempDir() })).toEqual({
      ok: false,
      errors: [{ file: 'nope.yaml', line: 0, col: 0, message: 'cannot read the file: no such file' }],
    });
  });
});

describe('loadScenarios', () => {
  it('collects the errors of every file and rejects duplicate scenario names', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), scenarioText(MINIMAL_SPEC, 'same'));
    writeFileSync(join(dir, 'b.yaml'), scenarioText(MINIMAL_SPEC, 'same'));
    writeFileSync(
      join(dir, 'c.yaml'),
      scenarioText(MINIMAL_SPEC.replace('replicas: 10', 'replicas: -1'), 'c'),
    );
    expect(() => loadScenarios(['a.yaml', 'b.yaml', 'c.yaml'], { cwd: dir })).toThrow(
      [
        'b.yaml: metadata.name "same" is also the name of a.yaml; scenario names must be unique',
        'c.yaml:7:15: spec.service.replicas: must be at least 1, got -1',
      ].join('\n'),
    );
  });

  it('returns the scenarios in order when all are valid', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'a.yaml'), scenarioText(MINIMAL_SPEC, 'first'));
    writeFileSync(join(dir, 'b.yaml'), scenarioText(MINIMAL_SPEC, 'second'));
    expect(loadScenarios(['a.yaml', 'b.yaml'], { cwd: dir }).map((s) => s.name)).toEqual(['first', 'second']);
  });
});

describe('traffic profiles', () => {
  it('reads a profile relative to the scenario file and scales it', () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'ramp.json'), '{"points": [{"t": 0, "rps": 10}, {"t": "1m", "rps": 30}]}');
    const text = scenarioText(MINIMAL_SPEC.replace('rps: 100', 'profile: ramp.json\n    profileScale: 2'));
    writeFileSync(join(dir, 's.yaml'), text);
    const scenario = loadScenario(join(dir, 's.yaml'));
    expect(scenario.traffic.profile.points).toEqual([
      { tMs: 0, rps: 20 },
      { tMs: 60_000, rps: 60 },
    ]);
    expect(scenario.traffic.source).toBe(join(dir, 'ramp.json'));
  });

  it("reports a profile's own mistakes under the profile's name", () => {
    const dir = tempDir();
    writeFileSync(join(dir, 'bad.json'), '{\n  "points": [{"t": 0, "rps": 10}],\n  "pionts": []\n}\n');
    writeFileSync(join(dir, 's.yaml'), scenarioText(MINIMAL_SPEC.replace('rps: 100', 'profile: bad.json')));
    expect(validateScenarioFile('s.yaml', { cwd: dir })).toEqual({
      ok: false,
      errors: [
        {
          file: 'bad.json',
          line: 3,
          col: 3,
          message: 'unknown key "pionts" (did you mean "points"?); valid keys here: description, points',
        },
      ],
    });
  });

  it('reports a missing profile at the profile key of the scenario', () => {
    expect(
      errorsOf(MINIMAL_SPEC.replace('rps: 100', 'profile: ../traffic/none.json'), 'scenarios/x.yaml'),
    ).toEqual([
      'scenarios/x.yaml:10:14: spec.traffic.profile: cannot read the traffic profile traffic/none.json: no such file (the path is relative to the scenario file)',
    ]);
  });
});
