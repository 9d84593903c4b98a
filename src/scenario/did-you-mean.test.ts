import { describe, expect, it } from 'vitest';
import { closestMatch, didYouMean, editDistance } from './did-you-mean.js';

describe('editDistance', () => {
  it('counts a swap of neighbours as one edit', () => {
    expect(editDistance('setWeigth', 'setWeight')).toBe(1);
    expect(editDistance('ab', 'ba')).toBe(1);
  });

  it('counts insertions, deletions and substitutions', () => {
    expect(editDistance('', 'abc')).toBe(3);
    expect(editDistance('kitten', 'sitting')).toBe(3);
    expect(editDistance('same', 'same')).toBe(0);
  });
});

describe('closestMatch', () => {
  const presets = ['recreate', 'rolling', 'blue-green', 'canary', 'shadow', 'feature-flag'];

  it('finds near misses', () => {
    expect(closestMatch('canry', presets)).toBe('canary');
    expect(closestMatch('bluegreen', presets)).toBe('blue-green');
    expect(closestMatch('Canary', presets)).toBe('canary');
    expect(closestMatch('feature_flag', presets)).toBe('feature-flag');
  });

  it('finds a unit suffix left out, when only one key has it', () => {
    expect(closestMatch('delay', ['delayMs', 'jitterMs'])).toBe('delayMs');
    expect(closestMatch('p9', ['p99Ms'])).toBeUndefined();
    expect(closestMatch('p', ['p50Ms', 'p99Ms'])).toBeUndefined();
  });

  it('does not suggest what is far off', () => {
    expect(closestMatch('linear', presets)).toBeUndefined();
    expect(closestMatch('ab', ['xy'])).toBeUndefined();
  });

  it('formats a suggestion, or nothing', () => {
    expect(didYouMean('rps ', ['rps'])).toBe(' (did you mean "rps"?)');
    expect(didYouMean('zzz', ['rps'])).toBe('');
  });
});
