import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDirs } from '../test-support/temp-dir.js';
import { formatScenarioErrors } from './errors.js';
import { loadPresets, PRESETS_FILE } from './presets.js';

const tempDir = tempDirs('rollout-lab-presets-');

describe('strategy presets', () => {
  it('ships a valid presets file with the six documented presets', () => {
    const catalog = loadPresets();
    expect(formatScenarioErrors(catalog.errors)).toBe('');
    expect([...catalog.presets.keys()]).toEqual([
      'recreate',
      'rolling',
      'blue-green',
      'canary',
      'shadow',
      'feature-flag',
    ]);
    expect(PRESETS_FILE.endsWith(join('scenarios', 'presets', 'strategies.yaml'))).toBe(true);
  });

  it('leaves alerts unset, so each preset gets all of the scenario alerts', () => {
    for (const { strategy } of loadPresets().presets.values()) expect(strategy.alerts).toBeUndefined();
  });

  it('validates a presets file with the strategy schema and checks', () => {
    const file = join(tempDir(), 'presets.yaml');
    writeFileSync(
      file,
      'apiVersion: rollout-lab/v1\nkind: StrategyPresets\npresets:\n  - name: both\n    recreate: {}\n    rollingUpdate: {}\n',
    );
    const catalog = loadPresets(file);
    expect(catalog.errors.map((e) => [e.line, e.col, e.message])).toEqual([
      [
        6,
        5,
        'presets[0]: a strategy has exactly one of recreate, rollingUpdate, blueGreen, canary, shadow, featureFlag, but this one has recreate and rollingUpdate; keep one',
      ],
    ]);
  });
});
