/**
 * The JSON the lab passes to a replica: the release's fault (a FaultModel, exactly as the
 * loader produces it, durations in milliseconds) and the scenario's routes. Validated as
 * strictly as the scenario file is: unknown keys and unknown fault types are errors.
 */
import { z } from 'zod';
import type { FaultModel, RouteModel } from '../scenario/model.js';

const share = z.number().min(0).max(1);
const millis = z.number().nonnegative();

const FaultJson = z.discriminatedUnion('type', [
  z.strictObject({ type: z.literal('none') }),
  z.strictObject({ type: z.literal('connectionLeak'), leakPerRequest: share }),
  z.strictObject({
    type: z.literal('latency'),
    delayMs: millis,
    jitterMs: millis,
    share,
    on: z.enum(['service', 'network']),
  }),
  z.strictObject({
    type: z.literal('errorSpike'),
    errorRate: share,
    statusCode: z.number().int().min(400).max(599),
    cohort: z.enum(['all', 'sessions']),
  }),
  z.strictObject({ type: z.literal('apiSchemaMismatch'), rejectOldRequests: z.boolean() }),
  z.strictObject({
    type: z.literal('dbSchemaMismatch'),
    change: z.enum(['renameColumn', 'dropColumn']),
    expandContract: z.boolean(),
    revertOnAbort: z.boolean(),
    revertDurationMs: millis,
  }),
  z.strictObject({ type: z.literal('networkLoss'), share }),
  z.strictObject({ type: z.literal('networkReset'), share }),
  z.strictObject({ type: z.literal('crashOnStart'), probability: share }),
  z.strictObject({ type: z.literal('slowWarmUp'), warmUpMs: millis }),
]);

// Fails to compile when model.ts gains a fault type this file does not know: the service
// must decide what a new fault does (even if that is nothing) rather than reject it at run time.
type Unhandled = Exclude<FaultModel['type'], z.output<typeof FaultJson>['type']>;
const _everyFaultHandled: Unhandled extends never ? true : never = true;
void _everyFaultHandled;

const RouteJson = z.strictObject({
  name: z.string().regex(/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/, 'a lowercase DNS label such as get-order'),
  share,
  db: z.boolean(),
  method: z.enum(['GET', 'POST']),
});

const RoutesJson = z
  .array(RouteJson)
  .min(1)
  .refine(
    (routes) => new Set(routes.map((r) => r.name)).size === routes.length,
    'route names must be unique',
  );

/** Parse `--fault`; throws an Error naming the problem. */
export function parseFaultJson(text: string): FaultModel {
  return parseJson(text, FaultJson, '--fault') as FaultModel;
}

/** Parse `--routes`; throws an Error naming the problem. */
export function parseRoutesJson(text: string): readonly RouteModel[] {
  return parseJson(text, RoutesJson, '--routes');
}

function parseJson<T>(text: string, schema: z.ZodType<T>, flag: string): T {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new Error(`${flag} is not JSON: ${(error as Error).message}`);
  }
  const result = schema.safeParse(value);
  if (!result.success) {
    const problems = result.error.issues.map((i) => `${i.path.join('.') || '(root)'}: ${i.message}`);
    throw new Error(`${flag} is not valid: ${problems.join('; ')}`);
  }
  return result.data;
}
