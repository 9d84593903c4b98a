/**
 * The lab's PromQL: an engine with Prometheus semantics over the lab's series store, the
 * static check used by scenario validation, and the metric names a query reads.
 */
export { checkPromQL, type SyntaxProblem } from './check.js';
export { type PromQLDialect, PromQLEngine, type PromQLEngineOptions } from './engine.js';
export { PromQLError } from './errors.js';
export { metricNamesOf, selectsUnnamedMetrics } from './metric-names.js';
export { parsePromQL } from './parse.js';
