import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { scenarioJsonSchemaText } from '../../scenario/json-schema.js';
import { tempDirs } from '../../test-support/temp-dir.js';
import { PACKAGE_ROOT, runCli } from '../test-support/run-cli.js';

const tempDir = tempDirs('rollout-lab-schema-');

describe('rollout-lab schema', () => {
  it('keeps scenarios/scenario.schema.json up to date (refresh: npm run schema)', () => {
    const shipped = readFileSync(join(PACKAGE_ROOT, 'scenarios/scenario.schema.json'), 'utf8');
    expect(shipped, 'scenarios/scenario.schema.json is stale: run npm run schema').toBe(
      scenarioJsonSchemaText(),
    );
  });

  it('prints the JSON Schema of scenario files', async () => {
    const { code, stdout } = await runCli(['schema']);
    expect(code).toBe(0);
    const schema = JSON.parse(stdout);
    expect(schema.title).toBe('Rollout Lab scenario');
    expect(schema.additionalProperties).toBe(false);
    expect(schema.properties.spec.required).toEqual(
      expect.arrayContaining(['service', 'traffic', 'release', 'strategies']),
    );
    // Input view: keys with defaults are optional.
    expect(schema.properties.spec.required).not.toContain('trials');
  });

  it('writes it with --out', async () => {
    const dir = tempDir();
    const { code, stdout } = await runCli(['schema', '--out', 'out.json'], dir);
    expect([code, stdout]).toEqual([0, '']);
    expect(readFileSync(join(dir, 'out.json'), 'utf8')).toBe(scenarioJsonSchemaText());
  });

  it('fails with exit code 1 when it cannot write', async () => {
    const { code, stderr } = await runCli(['schema', '--out', 'no/such/dir/out.json'], tempDir());
    expect(code).toBe(1);
    expect(stderr).toContain('cannot write no/such/dir/out.json');
  });
});
