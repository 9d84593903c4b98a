import { copyFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../../test-support/temp-dir.js';
import { PACKAGE_ROOT, runCli } from '../test-support/run-cli.js';

const tempDir = tempDirs('rollout-lab-validate-');

describe('rollout-lab validate', () => {
  it('exits 2 on a broken file and writes nothing', async () => {
    const dir = tempDir();
    copyFileSync(
      join(PACKAGE_ROOT, 'fixtures/scenarios-broken/unknown-key-nested.yaml'),
      join(dir, 'broken.yaml'),
    );
    const { code, stdout, stderr } = await runCli(['validate', 'broken.yaml'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toMatch(/^broken\.yaml:9:5: spec\.service: unknown key "replica"/);
    expect(readdirSync(dir)).toEqual(['broken.yaml']);
  });

  it('prints ok with the strategies of a valid file', async () => {
    const { code, stdout, stderr } = await runCli(['validate', 'fixtures/scenarios/valid-minimal.yaml']);
    expect([code, stderr]).toEqual([0, '']);
    expect(stdout).toBe(
      'ok fixtures/scenarios/valid-minimal.yaml (3 strategies: rolling, canary, canary-fast)\n',
    );
  });

  it('checks every file, and fails if any is invalid', async () => {
    const { code, stdout, stderr } = await runCli([
      'validate',
      'fixtures/scenarios-broken/p99-below-p50.yaml',
      'fixtures/scenarios/valid-minimal.yaml',
      'fixtures/scenarios-broken/wrong-type.yaml',
    ]);
    expect(code).toBe(2);
    expect(stdout).toBe(
      'ok fixtures/scenarios/valid-minimal.yaml (3 strategies: rolling, canary, canary-fast)\n',
    );
    expect(
      stderr
        .split('\n')
        .filter(Boolean)
        .map((line) => line.split(':')[0]),
    ).toEqual(['fixtures/scenarios-broken/p99-below-p50.yaml', 'fixtures/scenarios-broken/wrong-type.yaml']);
  });

  it('rejects two files with the same scenario name', async () => {
    const dir = tempDir();
    const text = `apiVersion: rollout-lab/v1
kind: Scenario
metadata: {name: twin}
spec:
  service: {replicas: 2, latency: {p50Ms: 10, p99Ms: 50}}
  traffic: {rps: 10}
  release: {fault: {type: none}}
  strategies: [recreate]
`;
    writeFileSync(join(dir, 'a.yaml'), text);
    writeFileSync(join(dir, 'b.yaml'), text);
    const { code, stdout, stderr } = await runCli(['validate', 'a.yaml', 'b.yaml'], dir);
    expect(code).toBe(2);
    expect(stdout).toBe('ok a.yaml (1 strategy: recreate)\n');
    expect(stderr).toBe(
      'b.yaml: metadata.name "twin" is also the name of a.yaml; scenario names must be unique\n',
    );
  });
});
