/**
 * k6's JSON output times (`data.time`): RFC 3339 with up to nanoseconds and a zone,
 * e.g. `2025-11-24T16:03:13.123456789+01:00`. Returns Unix time in ms with the fraction
 * kept (Date.parse alone would drop digits past milliseconds).
 */
const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?(Z|[+-]\d\d:\d\d)$/;

export function parseK6Time(text: string): number {
  const m = RFC3339.exec(text);
  if (m === null) throw new Error(`not an RFC 3339 time: ${JSON.stringify(text)}`);
  const whole = Date.parse(m[1] + m[3]);
  const fraction = m[2] === undefined ? 0 : Number(`0${m[2]}`) * 1000;
  return whole + fraction;
}
