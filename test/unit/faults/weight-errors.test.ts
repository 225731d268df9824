import { describe, expect, it } from 'vitest';
import { averageOverTrials, combineStats, compareWeights, int8Weights } from '../../../src/faults/inject/weight-errors.js';

describe('weight comparison', () => {
  it('counts by hand: [0, 5, 0, -3, 7] decoded as [2, 5, 0, 0, 7]', () => {
    const s = compareWeights(Int32Array.of(0, 5, 0, -3, 7), Int32Array.of(2, 5, 0, 0, 7), 1);
    // position 0: 0 → 2 (zero to non-zero, |err| 2); position 3: −3 → 0 (non-zero to zero, |err| 3)
    expect(s).toEqual({ weights: 5, changed: 2, misplaced: 1, zeroToNonZero: 1, nonZeroToZero: 1, maxAbsError_lsb: 3, meanAbsError_lsb: (2 + 3) / 5 });
  });

  it('a non-zero that changes to another non-zero is changed but neither zero count', () => {
    const s = compareWeights(Int32Array.of(4), Int32Array.of(-4));
    expect([s.changed, s.zeroToNonZero, s.nonZeroToZero, s.maxAbsError_lsb]).toEqual([1, 0, 0, 8]);
  });

  it('codes read the codebook; code 0 and codes past its end read 0', () => {
    const codebook = Int32Array.of(99, -20, 15); // entry 0 is never read
    expect(Array.from(int8Weights(Int32Array.of(0, 1, 2, 3, 31), codebook))).toEqual([0, -20, 15, 0, 0]);
    expect(Array.from(int8Weights(Int32Array.of(-7, 0, 3), undefined))).toEqual([-7, 0, 3]);
  });

  it('layers combine: counts add, max of max, mean weighted by weights', () => {
    const a = compareWeights(Int32Array.of(1, 1), Int32Array.of(1, 5)); // |err| 4 over 2 weights: mean 2
    const b = compareWeights(Int32Array.of(0, 0, 0, 0), Int32Array.of(0, 0, 0, 1)); // |err| 1 over 4: mean 0.25
    const c = combineStats([a, b]);
    expect(c.weights).toBe(6);
    expect(c.changed).toBe(2);
    expect(c.maxAbsError_lsb).toBe(4);
    expect(c.meanAbsError_lsb).toBeCloseTo((4 + 1) / 6, 15);
  });

  it('trials average: counts and mean errors averaged, largest error the largest', () => {
    const t1 = compareWeights(Int32Array.of(0, 0), Int32Array.of(3, 0));
    const t2 = compareWeights(Int32Array.of(0, 0), Int32Array.of(0, 0));
    const avg = averageOverTrials([t1, t2]);
    expect(avg.changed).toBe(0.5);
    expect(avg.maxAbsError_lsb).toBe(3);
    expect(avg.meanAbsError_lsb).toBeCloseTo(0.75, 15); // (3/2 + 0) / 2
  });
});
