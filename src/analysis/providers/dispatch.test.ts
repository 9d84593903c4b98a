import { describe, expect, it } from 'vitest';
import { metric, scriptedProvider, value } from '../test-support/fakes.js';
import type { ProviderResult } from '../types.js';
import { createDispatchProvider } from './dispatch.js';

const prometheusMetric = metric({ name: 'rate' });
const judgeMetric = metric({ name: 'judged', provider: { kind: 'judge', judge: {} as never } });

function answer(
  provider: ReturnType<typeof createDispatchProvider>,
  m = prometheusMetric,
): ProviderResult | undefined {
  let result: ProviderResult | undefined;
  provider.measure(m, 5_000, (r) => {
    result = r;
  });
  return result;
}

describe('dispatch provider', () => {
  it('sends each metric to the provider of its kind', () => {
    const prometheus = scriptedProvider({ rate: [value(1)] });
    const judge = scriptedProvider({ judged: [value({ score: 90 })] });
    const dispatch = createDispatchProvider({ prometheus, judge });
    expect(answer(dispatch)).toEqual(value(1));
    expect(answer(dispatch, judgeMetric)).toEqual(value({ score: 90 }));
    expect(prometheus.calls).toEqual([{ metric: 'rate', at: 5_000 }]);
    expect(judge.calls).toEqual([{ metric: 'judged', at: 5_000 }]);
  });

  it('a kind without a provider is an Error result naming it (Argo: newProvider failure)', () => {
    const dispatch = createDispatchProvider({ prometheus: scriptedProvider({ rate: [value(1)] }) });
    expect(answer(dispatch, judgeMetric)).toEqual({
      ok: false,
      error: 'no metric provider is configured for kind "judge"',
    });
  });
});
