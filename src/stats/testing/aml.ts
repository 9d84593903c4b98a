/**
 * The AML data of R's survival package (Miller 1981, "Survival Analysis", p. 49): weeks to
 * relapse of acute myelogenous leukaemia, maintained or not maintained on chemotherapy;
 * event false = censored.
 */
export const maintained = {
  times: [9, 13, 13, 18, 23, 28, 31, 34, 45, 48, 161],
  events: [true, true, false, true, true, false, true, true, false, true, false],
};
export const nonMaintained = {
  times: [5, 5, 8, 8, 12, 16, 23, 27, 30, 33, 43, 45],
  events: [true, true, true, true, true, false, true, true, true, true, true, true],
};
