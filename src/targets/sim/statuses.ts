/**
 * The HTTP status codes the simulated service answers with, as indexes into per-pod
 * counter arrays. The fault's own status code is appended when it is not one of these.
 */
import type { FaultModel } from '../../scenario/model.js';

export const S200 = 0;
export const S401 = 1;
export const S422 = 2;
export const S500 = 3;
export const S503 = 4;
const BASE_CODES = ['200', '401', '422', '500', '503'];

export interface StatusTable {
  readonly codes: readonly string[];
  /** Index of the errorSpike fault's status code. */
  readonly fault: number;
}

export function statusTable(fault: FaultModel): StatusTable {
  const codes = [...BASE_CODES];
  let faultIndex = S500;
  if (fault.type === 'errorSpike') {
    const code = String(fault.statusCode);
    faultIndex = codes.indexOf(code);
    if (faultIndex < 0) {
      codes.push(code);
      faultIndex = codes.length - 1;
    }
  }
  return { codes, fault: faultIndex };
}

export function isServerError(code: string): boolean {
  return code.startsWith('5');
}
