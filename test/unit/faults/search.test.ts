import { describe, expect, it } from 'vitest';
import type { MeanWithInterval } from '../../../src/ml/confidence.js';
import { accuracyLoss_pp, choiceAt, searchBitsPerCell } from '../../../src/faults/search/search.js';
import type { StorageChoice, StreamName } from '../../../src/storage/types.js';

const base: StorageChoice = { label: 'b', encoding: 'bitmask', clustered: true, bitsPerCell: {}, defaultBitsPerCell: 1, idxSync: { interval: 64 } };

/** A fake campaign: each stream costs `cost[stream][bits]` points of accuracy, interval ±0.1 pp around the mean. */
function fakeEvaluate(cost: Partial<Record<StreamName, number[]>>, calls: StorageChoice[]) {
  return async (c: StorageChoice): Promise<MeanWithInterval> => {
    calls.push(c);
    let loss = 0;
    for (const [s, b] of Object.entries(c.bitsPerCell) as [StreamName, number][]) loss += cost[s]?.[b] ?? 0;
    const mean = 0.97 - loss / 100;
    return { mean, low: mean - 0.001, high: mean + 0.001, stdDev: 0.002, count: 10 };
  };
}

describe('bits-per-cell search', () => {
  it('loss is fault-free accuracy minus the lower end of the interval, in pp', () => {
    expect(accuracyLoss_pp(0.97, { mean: 0.965, low: 0.96, high: 0.97, stdDev: 0, count: 2 })).toBeCloseTo(1, 12);
  });

  it('raises streams in the canonical order, stops a stream at its first failure, keeps found values', async () => {
    const calls: StorageChoice[] = [];
    // values: 3 bits cost 0.3 pp; mask: 2 bits cost 0.05, 3 bits 5; sync: 3 bits cost 0.1; groupSizes, codebook free.
    // Every setting also carries the interval's 0.1 pp (mean − low), so the tolerance of 0.5 pp leaves 0.4 pp.
    const r = await searchBitsPerCell(base, {
      cleanAccuracy: 0.97,
      tolerance_pp: 0.5,
      definedBitsPerCell: [1, 2, 3],
      evaluate: fakeEvaluate({ values: [0, 0, 0, 0.3], mask: [0, 0, 0.05, 5], sync: [0, 0, 0, 0.1] }, calls),
    });
    expect(r.order).toEqual(['values', 'codebook', 'mask', 'groupSizes', 'sync']);
    // values 3 (0.3 + 0.1 = 0.4), codebook 3, mask 2 (0.3 + 0.05 + 0.1 = 0.45), groupSizes 3,
    // sync 2 but not 3 (0.3 + 0.05 + 0.1 + 0.1 = 0.55 > 0.5).
    expect(r.choice.bitsPerCell).toEqual({ values: 3, codebook: 3, mask: 2, groupSizes: 3, sync: 2 });
    expect(r.choice.defaultBitsPerCell).toBe(3);
    expect(r.meetsTolerance).toBe(true);
    // start, values 2, 3, codebook 2, 3, mask 2, 3 (fails), groupSizes 2, 3, sync 2, 3 (fails): 11 campaigns
    expect(calls.length).toBe(11);
    expect(r.steps.map((s) => [s.stream ?? '-', s.accepted])).toEqual([
      ['-', true], ['values', true], ['values', true], ['codebook', true], ['codebook', true],
      ['mask', true], ['mask', false], ['groupSizes', true], ['groupSizes', true], ['sync', true], ['sync', false],
    ]);
    // The step that failed for mask tried mask 3 with values already at 3 and the later streams still at 1.
    expect(r.steps[6]?.bitsPerCell).toEqual({ values: 3, codebook: 3, mask: 3, groupSizes: 1, sync: 1 });
  });

  it('a stream that fails at 2 bits per cell is not tried at 3', async () => {
    const calls: StorageChoice[] = [];
    const dense: StorageChoice = { label: 'd', encoding: 'dense', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 1 };
    const r = await searchBitsPerCell(dense, { cleanAccuracy: 0.97, tolerance_pp: 0.5, definedBitsPerCell: [1, 2, 3], evaluate: fakeEvaluate({ values: [0, 0, 1, 0] }, calls) });
    expect(calls.map((c) => c.bitsPerCell.values)).toEqual([1, 2]);
    expect(r.choice.bitsPerCell).toEqual({ values: 1 });
  });

  it('when even the start fails, says so and returns the start', async () => {
    const r = await searchBitsPerCell(base, { cleanAccuracy: 0.97, tolerance_pp: 0.05, definedBitsPerCell: [1, 2, 3], evaluate: fakeEvaluate({}, []) });
    expect(r.meetsTolerance).toBe(false);
    expect(r.steps.length).toBe(1);
    expect(r.choice.defaultBitsPerCell).toBe(1);
  });

  it('only densities the fault model defines are tried', async () => {
    const calls: StorageChoice[] = [];
    const dense: StorageChoice = { label: 'd', encoding: 'dense', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 1 };
    await searchBitsPerCell(dense, { cleanAccuracy: 0.97, tolerance_pp: 0.5, definedBitsPerCell: [1, 3, 4], evaluate: fakeEvaluate({}, calls) });
    expect(calls.map((c) => c.bitsPerCell.values)).toEqual([1, 3]);
  });

  it('choiceAt names every produced stream', () => {
    const c = choiceAt({ ...base, ecc: { dataBits: 64, streams: ['mask'] } }, { values: 2, mask: 1 });
    expect(c.bitsPerCell).toEqual({ values: 2, codebook: 1, mask: 1, groupSizes: 1, sync: 1, check: 1 });
  });
});
