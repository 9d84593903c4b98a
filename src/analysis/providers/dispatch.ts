/**
 * The provider an AnalysisRun is given: it sends each metric to the provider for its
 * `provider.kind`. A kind with no provider configured is not a crash but a measurement in
 * phase Error naming what is missing — as in Argo, where a provider that cannot be built
 * (controller's newProvider) yields an Error measurement and the metric fails after
 * `consecutiveErrorLimit`.
 */
import type { MetricModel, MetricProviderModel, Millis } from '../../scenario/model.js';
import type { MetricProvider, ProviderResult } from '../types.js';

export type ProvidersByKind = { readonly [K in MetricProviderModel['kind']]?: MetricProvider };

export function createDispatchProvider(providers: ProvidersByKind): MetricProvider {
  return {
    measure(metric: MetricModel, at: Millis, done: (result: ProviderResult) => void): void {
      const provider = providers[metric.provider.kind];
      if (provider === undefined) {
        done({ ok: false, error: `no metric provider is configured for kind "${metric.provider.kind}"` });
        return;
      }
      provider.measure(metric, at, done);
    },
  };
}
