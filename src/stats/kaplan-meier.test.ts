import { describe, expect, it } from 'vitest';
import { kaplanMeier } from './kaplan-meier.js';
import { maintained, nonMaintained } from './testing/aml.js';
import { expectClose } from './testing/expect-close.js';

// R 4.2.2, survival 3.5-3 (fixtures/stats/reference-r.txt):
// survfit(Surv(time, status) ~ 1, data = subset(aml, x == "Maintained")).
const rTime = [9, 13, 18, 23, 28, 31, 34, 45, 48, 161];
const rRisk = [11, 10, 8, 7, 6, 5, 4, 3, 2, 1];
const rEvent = [1, 1, 1, 1, 0, 1, 1, 0, 1, 0];
const rSurv = [
  0.909090909090909, 0.818181818181818, 0.715909090909091, 0.613636363636364, 0.613636363636364,
  0.490909090909091, 0.368181818181818, 0.368181818181818, 0.184090909090909, 0.184090909090909,
];
// fit$std.err: the standard error of log S (R's internal scale).
const rStdErrLog = [
  0.0953462589245592, 0.1421338109037403, 0.1950875779212071, 0.2487341690815455, 0.2487341690815455,
  0.334467766561573, 0.4418167269377883, 0.4418167269377883, 0.8337877548885089, 0.8337877548885089,
];
// summary(fit)$std.err at the 7 event times: Greenwood's SE of S.
const rGreenwood = [
  0.0866784172041448, 0.1162912998303329, 0.1396649705572278, 0.152632331027312, 0.1641932672211358,
  0.1626688858270948, 0.1534927457862937,
];
// conf.type = "log" (R's default).
const rLower = [
  0.7541338450815255, 0.6192489873993635, 0.4884262874221285, 0.3768670595016798, 0.3768670595016798,
  0.2548599511993173, 0.1548771178971911, 0.1548771178971911, 0.0359178984891853, 0.0359178984891853,
];
const rUpper = [
  1, 1, 1, 0.999157600228473, 0.999157600228473, 0.945584955200429, 0.875260678143908, 0.875260678143908,
  0.943525769474552, 0.943525769474552,
];
// conf.type = "log-log"; lifelines 0.30.3 KaplanMeierFitter's band agrees to 14 digits (reference-py.txt).
const rLowerLogLog = [
  0.5080802057699297, 0.4474286146821814, 0.3501903859079384, 0.2657520400012861, 0.2657520400012861,
  0.1673309097768508, 0.0928295749369852, 0.0928295749369852, 0.0117384801231896, 0.0117384801231896,
];
const rUpperLogLog = [
  0.986673822667823, 0.951162228582492, 0.899023974191053, 0.835299243250221, 0.835299243250221,
  0.753399790370811, 0.657040832398164, 0.657040832398164, 0.525014842726641, 0.525014842726641,
];

describe('kaplanMeier', () => {
  it('matches R’s survfit on the AML maintained group: S, Greenwood, log band', () => {
    const km = kaplanMeier(maintained.times, maintained.events);
    expect(km.time).toEqual(rTime);
    expect(km.nRisk).toEqual(rRisk);
    expect(km.nEvent).toEqual(rEvent);
    km.survival.forEach((s, i) => {
      expectClose(s, rSurv[i], 13);
    });
    km.stdErrLog.forEach((s, i) => {
      expectClose(s, rStdErrLog[i], 13);
    });
    km.stdErr
      .filter((_, i) => km.nEvent[i] > 0)
      .forEach((s, i) => {
        expectClose(s, rGreenwood[i], 13);
      });
    km.lower.forEach((s, i) => {
      expectClose(s, rLower[i], 13);
    });
    km.upper.forEach((s, i) => {
      expectClose(s, rUpper[i], 13);
    });
    expect(km.confType).toBe('log');
  });

  it('matches R and lifelines with conf.type = "log-log"', () => {
    const km = kaplanMeier(maintained.times, maintained.events, { confType: 'log-log' });
    km.lower.forEach((s, i) => {
      expectClose(s, rLowerLogLog[i], 13);
    });
    km.upper.forEach((s, i) => {
      expectClose(s, rUpperLogLog[i], 13);
    });
  });

  it('counts events and censorings at the same time like R (both AML groups)', () => {
    // survfit(Surv(time, status) ~ 1, data = aml): at t = 13, 1 event and 1 censored;
    // at t = 45, 1 and 1; S(13) = 0.695652173913043, S(45) = 0.165631469979296,
    // lower(48) = 0.0148346082548472, upper(48) = 0.462327406565294.
    const km = kaplanMeier(
      [...maintained.times, ...nonMaintained.times],
      [...maintained.events, ...nonMaintained.events],
    );
    const at = (t: number) => km.time.indexOf(t);
    expect(km.nEvent[at(13)]).toBe(1);
    expect(km.nCensor[at(13)]).toBe(1);
    expectClose(km.survival[at(13)], 0.695652173913043, 13);
    expectClose(km.survival[at(45)], 0.165631469979296, 13);
    expectClose(km.lower[at(48)], 0.0148346082548472, 13);
    expectClose(km.upper[at(48)], 0.462327406565294, 13);
    expect(km.nRisk[0]).toBe(23);
  });

  it('handles S = 0 and rejects bad input', () => {
    const km = kaplanMeier([1, 2], [true, true]);
    expect(km.survival).toEqual([0.5, 0]);
    expect(km.lower[1]).toBeNaN(); // R: NA
    expect(km.upper[1]).toBeNaN();
    expect(() => kaplanMeier([1], [true, false])).toThrow(RangeError);
    expect(() => kaplanMeier([-1], [true])).toThrow(RangeError);
  });
});
