import { describe, expect, it } from 'vitest';
import { normalCdf } from './normal-cdf.js';
import { expectClose } from './testing/expect-close.js';
import { wilsonInterval } from './wilson-interval.js';

describe('wilsonInterval', () => {
  // [x, n, confidence, lower, upper]: statsmodels 0.15.0 proportion_confint(method="wilson")
  // (fixtures/stats/reference-py.txt); R 4.2.2 prop.test(correct = FALSE) agrees to 15 digits.
  const reference: [number, number, number, number, number][] = [
    [10, 100, 0.95, 0.05522913706067509, 0.17436566150491348],
    [0, 100, 0.95, 0, 0.03699349820698569],
    [1, 20, 0.95, 0.008881448800795402, 0.2361311934467421],
    [37, 412, 0.9, 0.06923459174250057, 0.11572928121471276],
    [19, 20, 0.99, 0.6817028880857628, 0.9941022509253589],
    [50, 50, 0.95, 0.9286524008666412, 1],
  ];
  it.each(reference)('%d/%d at %d matches statsmodels', (x, n, confidence, lower, upper) => {
    const ci = wilsonInterval(x, n, confidence);
    expectClose(ci.lower, lower, 12);
    expectClose(ci.upper, upper, 12);
    expect(ci.estimate).toBe(x / n);
  });

  it('reproduces statistics.md’s values at z = 1.96 exactly', () => {
    // statistics.md: 10/100 → [0.055228541613, 0.174367304368]; 0/100 → [0, 0.036994807476].
    const confidence = 2 * normalCdf(1.96) - 1;
    expectClose(wilsonInterval(10, 100, confidence).lower, 0.055228541613, 11);
    expectClose(wilsonInterval(10, 100, confidence).upper, 0.174367304368, 11);
    expect(wilsonInterval(0, 100, confidence).lower).toBe(0);
    expectClose(wilsonInterval(0, 100, confidence).upper, 0.036994807476, 11);
  });

  it('handles no trials and rejects bad counts', () => {
    const empty = wilsonInterval(0, 0);
    expect([empty.lower, empty.upper]).toEqual([0, 1]);
    expect(empty.estimate).toBeNaN();
    expect(() => wilsonInterval(3, 2)).toThrow(RangeError);
    expect(() => wilsonInterval(1.5, 2)).toThrow(RangeError);
  });
});
