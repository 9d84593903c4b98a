import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { formatScenarioErrors } from './errors.js';
import { loadTrafficProfile, parseTrafficProfile } from './traffic-profile.js';

const TRAFFIC = fileURLToPath(new URL('../../fixtures/traffic/', import.meta.url));

describe('traffic profiles', () => {
  it('ships valid profiles', () => {
    const files = readdirSync(TRAFFIC).filter((f) => f.endsWith('.json'));
    expect(files).toEqual(expect.arrayContaining(['diurnal.json', 'spike.json']));
    for (const file of files) {
      const result = loadTrafficProfile(`${TRAFFIC}${file}`, file);
      expect(result.ok ? '' : formatScenarioErrors(result.errors), file).toBe('');
    }
  });

  it('diurnal: a trough and a peak within 60 minutes', () => {
    const result = loadTrafficProfile(`${TRAFFIC}diurnal.json`, 'diurnal.json');
    if (!result.ok) throw new Error('invalid');
    const { points } = result.profile;
    const trough = points.reduce((a, b) => (b.rps < a.rps ? b : a));
    const peak = points.reduce((a, b) => (b.rps > a.rps ? b : a));
    expect(points.at(-1)?.tMs).toBe(3_600_000);
    expect(trough.tMs).toBeLessThan(peak.tMs);
    expect(peak.rps / trough.rps).toBeGreaterThan(4);
  });

  it('converts times to ms', () => {
    expect(
      parseTrafficProfile('{"points": [{"t": 0, "rps": 5}, {"t": "1m30s", "rps": 0}]}', 'p.json'),
    ).toEqual({
      ok: true,
      profile: {
        points: [
          { tMs: 0, rps: 5 },
          { tMs: 90_000, rps: 0 },
        ],
      },
    });
  });

  it('reports each mistake at its line and column', () => {
    const text = '{\n  "points": [\n    {"t": "10s", "rps": 5},\n    {"t": "5s", "rps": 7}\n  ]\n}\n';
    const result = parseTrafficProfile(text, 'p.json');
    expect(result.ok ? '' : formatScenarioErrors(result.errors)).toBe(
      'p.json:3:11: points[0].t: the first point must be at t 0 (the start of the trial), got "10s"\n' +
        'p.json:4:11: points[1].t: times must increase from point to point, but this one is not after the previous ("10s")\n',
    );
  });

  it('reports JSON syntax errors with a position', () => {
    const result = parseTrafficProfile('{"points": [{"t": 0, "rps": 5}\n', 'p.json');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0].file).toBe('p.json');
    expect(!result.ok && result.errors[0].line).toBeGreaterThan(0);
  });

  it('rejects a profile without traffic', () => {
    const result = parseTrafficProfile('{"points": [{"t": 0, "rps": 0}]}', 'p.json');
    expect(!result.ok && result.errors[0].message).toBe(
      'points: every rps is 0: a profile without traffic cannot show anything',
    );
  });
});
