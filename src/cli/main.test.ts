import { describe, expect, it } from 'vitest';
import { runCli } from './test-support/run-cli.js';

describe('rollout-lab', () => {
  it('explains itself with examples on --help', async () => {
    const { code, stdout } = await runCli(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: rollout-lab');
    expect(stdout).toContain('validate');
    expect(stdout).toContain('schema');
    expect(stdout).toContain('Examples:');
  });

  for (const command of ['validate', 'schema']) {
    it(`explains ${command} with an example on --help`, async () => {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toContain(`Usage: rollout-lab ${command}`);
      expect(stdout).toContain(`$ rollout-lab ${command}`);
    });
  }

  it('rejects an unknown flag with exit code 2 and a message', async () => {
    const { code, stdout, stderr } = await runCli(['validate', '--strict', 'x.yaml']);
    expect(code).toBe(2);
    expect(stdout).toBe('');
    expect(stderr).toContain("unknown option '--strict'");
  });

  it('rejects an unknown command and a missing argument with exit code 2', async () => {
    expect((await runCli(['vaildate'])).code).toBe(2);
    const missing = await runCli(['validate']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("missing required argument 'files'");
  });

  it('prints the version', async () => {
    const { code, stdout } = await runCli(['--version']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});
