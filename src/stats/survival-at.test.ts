import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplan-meier.js';
import { survivalAt } from './survival-at.js';
import { maintained } from './testing/aml.js';
import { expectClose } from './testing/expect-close.js';

describe('survivalAt', () => {
  it('matches R’s summary(fit, times = c(20, 40))', () => {
    // R 4.2.2 (fixtures/stats/reference-r.txt): t = 20 → 0.71590909091 [0.48842628742, 1];
    // t = 40 → 0.36818181818 [0.15487711790, 0.87526067814].
    const km = kaplanMeier(maintained.times, maintained.events);
    const at20 = survivalAt(km, 20);
    expectClose(at20.survival, 0.71590909091, 10);
    expectClose(at20.lower, 0.48842628742, 10);
    expect(at20.upper).toBe(1);
    const at40 = survivalAt(km, 40);
    expectClose(at40.survival, 0.36818181818, 10);
    expectClose(at40.eventProbability, 1 - 0.36818181818, 10);
    expectClose(at40.eventLower, 1 - 0.87526067814, 9);
    expectClose(at40.eventUpper, 1 - 0.1548771179, 9);
  });

  it('is 1 before the first time', () => {
    const km = kaplanMeier(maintained.times, maintained.events);
    expect(survivalAt(km, 1)).toMatchObject({ survival: 1, lower: 1, upper: 1, eventProbability: 0 });
    expect(survivalAt(kaplanMeier([1, 2, 3, 4], [true, true, false, false]), 2.5).eventProbability).toBe(0.5);
  });
});
