/** How a verdict names a scenario's fault: "the connection leak". Unknown types read "the <type> fault". */
const FAULT_NAMES: Readonly<Record<string, string>> = {
  none: 'the healthy release',
  connectionLeak: 'the connection leak',
  latency: 'the added latency',
  errorSpike: 'the error spike',
  apiSchemaMismatch: 'the API schema mismatch',
  dbSchemaMismatch: 'the database schema mismatch',
  networkLoss: 'the packet loss',
  networkReset: 'the connection resets',
  crashOnStart: 'the crash on start',
  slowWarmUp: 'the slow warm-up',
};

export function faultName(faultType: string): string {
  return FAULT_NAMES[faultType] ?? `the ${faultType} fault`;
}
