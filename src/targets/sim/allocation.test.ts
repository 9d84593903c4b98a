import { describe, expect, it } from 'vitest';
import { createRng } from '../../stats/rng.js';
import { allocate, takeProportional, takeProportionalSparse } from './allocation.js';

describe('allocate', () => {
  it('shares the total exactly, in whole non-negative counts, at most 1 from the proportional share', () => {
    const rng = createRng(3);
    const problems: string[] = [];
    for (let trial = 0; trial < 2000; trial++) {
      const n = 1 + Math.floor(rng.next() * 12);
      const weights = new Float64Array(n + 3); // slots past n must be ignored
      for (let i = 0; i < weights.length; i++) {
        // Whole counts (as the engine passes) and, every other trial, arbitrary fractions.
        const w = rng.next() < 0.25 ? 0 : rng.next() * 1000;
        weights[i] = trial % 2 === 0 ? Math.floor(w) : w;
      }
      const total = Math.floor(rng.next() * 5000);
      const out = new Float64Array(n);
      allocate(total, weights, n, out, trial);
      let sum = 0;
      let wsum = 0;
      for (let i = 0; i < n; i++) wsum += weights[i];
      for (let i = 0; i < n; i++) {
        if (!Number.isInteger(out[i]) || out[i] < 0) problems.push(`trial ${trial}: slot ${i} = ${out[i]}`);
        // Floors, then at most one of the remainder each; nothing for a weight of 0.
        if (wsum > 0 && Math.abs(out[i] - (total * weights[i]) / wsum) > 1)
          problems.push(`trial ${trial}: slot ${i} = ${out[i]}, share ${(total * weights[i]) / wsum}`);
        if (wsum > 0 && weights[i] === 0 && out[i] !== 0)
          problems.push(`trial ${trial}: slot ${i} has weight 0`);
        sum += out[i];
      }
      if (sum !== total) problems.push(`trial ${trial}: ${sum} given of ${total}`);
    }
    expect(problems).toEqual([]);
  });

  it('spreads the total evenly when every weight is 0', () => {
    const out = new Float64Array(4);
    allocate(6, new Float64Array(4), 4, out, 1);
    expect([...out]).toEqual([1, 2, 2, 1]);
  });

  it('is fair under rotation: remainders go round the slots', () => {
    // One item over 3 equal slots, 300 times with the rotation the engine increments:
    // each slot gets exactly 100.
    const got = new Float64Array(3);
    const out = new Float64Array(3);
    const weights = Float64Array.from([5, 5, 5]);
    for (let call = 0; call < 300; call++) {
      allocate(1, weights, 3, out, call);
      for (let i = 0; i < 3; i++) got[i] += out[i];
    }
    expect([...got]).toEqual([100, 100, 100]);
  });
});

describe('takeProportional', () => {
  it('fills a table whose row and column sums both hold, with no negative cell', () => {
    const rng = createRng(4);
    const problems: string[] = [];
    for (let trial = 0; trial < 500; trial++) {
      const m = 1 + Math.floor(rng.next() * 12);
      const columns = Float64Array.from({ length: m }, () =>
        rng.next() < 0.3 ? 0 : Math.floor(rng.next() * 200),
      );
      const total = columns.reduce((a, b) => a + b, 0);
      // Split the total into rows (the pods), the last taking what is left.
      const rows: number[] = [];
      let left = total;
      while (left > 0) {
        const r = Math.min(left, Math.floor(rng.next() * (total / 3 + 2)));
        rows.push(r);
        left -= r;
      }
      const remainingCols = Float64Array.from(columns);
      let remaining = total;
      const colSums = new Float64Array(m);
      const out = new Float64Array(m);
      rows.forEach((take, r) => {
        takeProportional(take, remainingCols, remaining, out, trial + r);
        remaining -= take;
        let rowSum = 0;
        for (let k = 0; k < m; k++) {
          if (!Number.isInteger(out[k]) || out[k] < 0 || remainingCols[k] < 0)
            problems.push(`trial ${trial} row ${r}: cell ${k} = ${out[k]}, left ${remainingCols[k]}`);
          rowSum += out[k];
          colSums[k] += out[k];
        }
        if (rowSum !== take) problems.push(`trial ${trial} row ${r}: ${rowSum} taken of ${take}`);
      });
      if (colSums.some((x, k) => x !== columns[k]))
        problems.push(`trial ${trial}: column sums ${colSums} ≠ ${columns}`);
      if (!remainingCols.every((x) => x === 0)) problems.push(`trial ${trial}: left over ${remainingCols}`);
    }
    expect(problems).toEqual([]);
  });

  it('takes each column at most 1 from its proportional share', () => {
    const left = Float64Array.from([10, 0, 7, 3]);
    const out = new Float64Array(4);
    takeProportional(5, left, 20, out, 0);
    // Proportional: 2.5, 0, 1.75, 0.75.
    expect(out.reduce((a, b) => a + b, 0)).toBe(5);
    [2.5, 0, 1.75, 0.75].forEach((share, k) => {
      expect(Math.abs(out[k] - share)).toBeLessThanOrEqual(1);
    });
    expect(out[1]).toBe(0);
  });

  it('is fair under rotation: a one-item take lands on each equal column in turn', () => {
    const got = new Float64Array(4);
    const out = new Float64Array(4);
    for (let call = 0; call < 400; call++) {
      const left = Float64Array.from([3, 3, 3, 3]);
      takeProportional(1, left, 12, out, call);
      for (let k = 0; k < 4; k++) got[k] += out[k];
    }
    expect([...got]).toEqual([100, 100, 100, 100]);
  });
});

describe('takeProportionalSparse', () => {
  it('takes exactly what takeProportional takes when only the listed columns hold counts', () => {
    const rng = createRng(17);
    const problems: string[] = [];
    for (let trial = 0; trial < 3000; trial++) {
      const m = 1 + Math.floor(rng.next() * 30);
      const dense = new Float64Array(m);
      const cols = new Int32Array(m);
      let count = 0;
      let remaining = 0;
      for (let k = 0; k < m; k++) {
        if (rng.next() < 0.6) continue;
        dense[k] = Math.floor(rng.next() * 200);
        remaining += dense[k];
        if (dense[k] > 0 || rng.next() < 0.5) cols[count++] = k; // listed zero columns are allowed
      }
      if (remaining === 0) continue;
      const sparse = Float64Array.from(dense);
      const take = Math.floor(rng.next() * (remaining + 5));
      const outDense = new Float64Array(m);
      const outSparse = new Float64Array(m);
      takeProportional(take, dense, remaining, outDense, trial);
      takeProportionalSparse(take, sparse, remaining, outSparse, trial, cols, count);
      if (dense.join() !== sparse.join() || outDense.join() !== outSparse.join())
        problems.push(`trial ${trial}: ${outDense.join()} vs ${outSparse.join()}`);
    }
    expect(problems).toEqual([]);
  });
});
