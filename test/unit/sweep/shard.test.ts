import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { parseSetFlag } from '../../../src/system/sweep/design/set-values.js';
import { resolveGrid } from '../../../src/system/sweep/grid.js';
import { assignShards, parseShard } from '../../../src/system/sweep/shard.js';
import { shardRecord, unitCost } from '../../../src/system/sweep/sweep-shard.js';

const loads = (costs: readonly number[], shardOf: readonly number[], n: number): number[] => {
  const l = new Array<number>(n).fill(0);
  costs.forEach((c, i) => (l[shardOf[i] as number] = (l[shardOf[i] as number] as number) + c));
  return l;
};

describe('--shard I/N', () => {
  it('parses I/N with 0 <= I < N', () => {
    expect(parseShard('0/4')).toEqual({ index: 0, count: 4 });
    expect(parseShard(' 3 / 4 ')).toEqual({ index: 3, count: 4 });
  });
  for (const bad of ['4/4', '1/0', '-1/4', '1', 'a/b', '1/4/2', '']) {
    it(`refuses ${JSON.stringify(bad)}`, () => expect(() => parseShard(bad)).toThrow(UserError));
  }
  it('says which shards exist when I is one too many (Slurm arrays from 1)', () => {
    expect(() => parseShard('4/4')).toThrow(/expected I\/N/);
    try {
      parseShard('4/4');
    } catch (e) {
      expect((e as UserError).details.suggestion).toMatch(/numbered 0 to 3/);
    }
  });
});

describe('shards balanced by estimated cost (longest first onto the least loaded)', () => {
  it('hand-computed: costs 5,4,3,3,2,1 onto 2 shards', () => {
    // 5→s0; 4→s1; 3(i2)→s1 (4<5); 3(i3)→s0 (5<7)... loads: s0 5+3=8, s1 4+3=7; 2→s1 (9); 1→s0 (9).
    const shardOf = assignShards([5, 4, 3, 3, 2, 1], 2);
    expect(shardOf).toEqual([0, 1, 1, 0, 1, 0]);
    expect(loads([5, 4, 3, 3, 2, 1], shardOf, 2)).toEqual([9, 9]);
  });
  it('every item in exactly one shard; loads within one item of each other; equal costs split evenly; deterministic', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 1000 }), { maxLength: 200 }), fc.integer({ min: 1, max: 20 }), (costs, n) => {
        const shardOf = assignShards(costs, n);
        expect(shardOf).toHaveLength(costs.length);
        for (const s of shardOf) expect(s >= 0 && s < n).toBe(true);
        const l = loads(costs, shardOf, n);
        expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(Math.max(0, ...costs));
        expect(assignShards(costs, n)).toEqual(shardOf);
        const counts = loads(costs.map(() => 1), assignShards(costs.map(() => 7), n), n);
        expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
      }),
    );
  });
  it('a grid: the shards partition its units, and the costlier trace is spread over them', () => {
    const grid = resolveGrid({
      archFiles: ['arch-configs/nvdla-full-lpddr4.json'],
      traceFiles: ['traces/tiny-conv.json', 'traces/resnet50-v1.5-str81.json'],
      fps: [1],
      seed: 1,
      set: [parseSetFlag('nvdla.macAtomicK=8,16,32'), parseSetFlag('nvdla.stripeMin=8,16'), parseSetFlag('nvdla.stripeMax=16,32')],
    });
    const n = 3;
    const records = Array.from({ length: n }, (_, i) => shardRecord(grid, { index: i, count: n }));
    expect(records.flatMap((r) => r.units).sort((a, b) => a - b)).toEqual(grid.units.map((u) => u.index));
    const cost = grid.units.map(unitCost);
    // Rejected designs (stripeMin 16 with stripeMax 16) cost nothing; ResNet-50 units cost its layer count.
    expect(cost.filter((c) => c === 0)).toHaveLength(3 * 2);
    const l = records.map((r) => r.units.reduce((s, i) => s + (cost[i] as number), 0));
    expect(Math.max(...l) - Math.min(...l)).toBeLessThanOrEqual(Math.max(...cost));
    // The 9 feasible ResNet-50 units dominate the cost: each shard gets 3 of them.
    const resnet = grid.units.filter((u) => u.traceFile.includes('resnet50') && (cost[u.index] as number) > 0).map((u) => u.index);
    for (const r of records) expect(r.units.filter((i) => resnet.includes(i))).toHaveLength(3);
    expect(shardRecord(grid, { index: 1, count: n })).toEqual(records[1]);
  });
});
