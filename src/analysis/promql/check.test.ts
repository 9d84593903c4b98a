import { describe, expect, it } from 'vitest';
import { checkPromQL } from './check.js';

describe('checkPromQL: valid expressions', () => {
  it.each([
    'sum(rate(http_requests_total{version="canary",status_code=~"5.."}[2m])) / sum(rate(http_requests_total{version="canary"}[2m]))',
    'histogram_quantile(0.99, sum(rate(http_request_duration_seconds_bucket{version="canary"}[2m])) by (le))',
    'up == bool 1',
    'rate(x[5m] offset 1m @ 100)',
    'max_over_time(rate(x[1m])[10m:30s])',
    'a + on(pod) group_left(version) b',
    'a and on() b or c unless ignoring(x) d',
    'count_values("v", x)',
    'topk(3, x) by (job)',
    'SUM(x) # comments are fine',
    'label_replace(up, "dst", "$1", "src", "(.*)")',
    '1 + -2^2',
    '{__name__=~"http_.*", job="api"}',
    'x{"quoted"="label"}',
    'time() - timestamp(up)',
    'round(x, 0.5)',
    '2.',
  ])('%s', (expr) => {
    expect(checkPromQL(expr)).toBeNull();
  });
});

describe('checkPromQL: problems, with the offset of the first one', () => {
  it.each([
    ['', 'no expression found in input', 0],
    ['sum(x', 'parse error: unexpected end of input', 5],
    ['x{a=b}', 'parse error: unexpected "b"', 4],
    ['x y', 'parse error: unexpected "y"', 2],
    ['foo(x)', 'unknown function with name "foo"', 0],
    ['rate(x)', 'expected type range vector in call to function "rate", got instant vector', 5],
    ['abs(x[5m])', 'expected type instant vector in call to function "abs", got range vector', 4],
    ['rate(x[5m], 1)', 'expected 1 argument(s) in call to "rate", got 2', 0],
    ['clamp(x, 1)', 'expected 3 argument(s) in call to "clamp", got 2', 0],
    ['round()', 'expected at least 1 argument(s) in call to "round", got 0', 0],
    ['round(x, 1, 2)', 'expected at most 2 argument(s) in call to "round", got 3', 0],
    ['sum(x[5m])', 'expected type instant vector in aggregation expression, got range vector', 4],
    ['topk(x)', 'wrong number of arguments for aggregate expression provided, expected 2, got 1', 0],
    ['topk("3", x)', 'expected type scalar in aggregation parameter, got string', 5],
    ['x[5m] + 1', 'binary expression must contain only scalar and instant vector types', 0],
    ['1 > 2', 'comparisons between scalars must use BOOL modifier', 2],
    ['x + bool y', 'bool modifier can only be used on comparison operators', 2],
    ['1 + on(a) x', 'vector matching only allowed between instant vectors', 0],
    ['x and 1', 'set operator "and" not allowed in binary scalar expression', 0],
    ['x and on(a) group_left y', 'no grouping allowed for "and" operation', 0],
    ['x + on(a) group_left(a) y', 'label "a" must not occur in ON and GROUP clause at once', 2],
    ['{}', 'vector selector must contain at least one non-empty matcher', 0],
    ['{a=~".*"}', 'vector selector must contain at least one non-empty matcher', 0],
    ['x{__name__="y"}', 'metric name must not be set twice: "x" or "y"', 0],
    ['x{a=~"("}', 'error parsing regexp', 5],
    ['x[0s]', 'duration must be greater than 0', 2],
    ['sum(x) offset 5m', 'offset modifier must be preceded by an instant vector selector', 0],
    ['x offset 1m offset 2m', 'offset may not be set multiple times', 0],
    ['x offset 1m [5m]', 'no offset modifiers allowed before range', 12],
    ['(x)[5m]', 'ranges only allowed for vector selectors', 3],
    ['a * b[5m:]', 'binary expression must contain only scalar and instant vector types', 4],
    ['x[5m][1m:]', 'subquery is only allowed on instant vector, got range vector instead', 0],
    ['-x[5m]', 'unary expression only allowed on expressions of type scalar or instant vector', 0],
    ['x{a="unterminated}', 'unterminated quoted string', 4],
    ['x{a="\\q"}', 'error unquoting string', 4],
    ['histogram_count(x)', 'function histogram_count', 0],
    ['holt_winters(x[5m], 0.5, 0.5)', 'function holt_winters', 0],
    ['limitk(2, x)', 'aggregation limitk is not supported by the lab', 0],
    ['x[5m+1m]', 'duration arithmetic in a range is not supported by the lab', 2],
    ['x </ y', 'the </ operator is not supported by the lab', 2],
  ])('%s', (expr, message, offset) => {
    const problem = checkPromQL(expr);
    expect(problem).not.toBeNull();
    expect(problem!.message).toContain(message);
    expect(problem!.offset).toBe(offset);
  });

  it('names the lab in messages about unsupported features', () => {
    expect(checkPromQL('histogram_sum(x)')?.message).toBe(
      'function histogram_sum (it works on native histograms, which the lab does not record) is not supported by the lab',
    );
  });
});
