import { describe, expect, it } from 'vitest';
import { pipelineCycles, runStep, IDLE_CACC, type ChannelOpCosts } from '../../../src/hw/nvdla/conv-timing.js';
import { balancedStripes, fixedStripes, sliceStripes, stripesEndingBy } from '../../../src/hw/nvdla/stripes.js';

describe('stripes', () => {
  it('balanced: fewest stripes of at most 32, lengths differing by at most one', () => {
    expect(balancedStripes(16, 32)).toEqual([{ length: 16, count: 1 }]);
    expect(balancedStripes(32, 32)).toEqual([{ length: 32, count: 1 }]);
    // 33 → 2 stripes: 17 + 16 (a greedy cut would leave a stripe of 1).
    expect(balancedStripes(33, 32)).toEqual([{ length: 17, count: 1 }, { length: 16, count: 1 }]);
    // 3136 (56×56) → 98 stripes of exactly 32.
    expect(balancedStripes(3136, 32)).toEqual([{ length: 32, count: 98 }]);
    // 196 (14×14) → 7 stripes of 28.
    expect(balancedStripes(196, 32)).toEqual([{ length: 28, count: 7 }]);
    expect(balancedStripes(0, 32)).toEqual([]);
  });
  it('fixed: full stripes then the remainder (image mode)', () => {
    expect(fixedStripes(112, 64)).toEqual([{ length: 64, count: 1 }, { length: 48, count: 1 }]);
    expect(fixedStripes(64, 64)).toEqual([{ length: 64, count: 1 }]);
  });
  it('slicing by the stripes that end within a range of atomic ops', () => {
    const runs = balancedStripes(33, 32); // 17, 16
    expect(stripesEndingBy(runs, 16)).toBe(0);
    expect(stripesEndingBy(runs, 17)).toBe(1);
    expect(stripesEndingBy(runs, 32)).toBe(1);
    expect(stripesEndingBy(runs, 33)).toBe(2);
    expect(sliceStripes(runs, 1, 2)).toEqual([{ length: 16, count: 1 }]);
    expect(sliceStripes([{ length: 32, count: 5 }], 1, 3)).toEqual([{ length: 32, count: 2 }]);
  });
});

describe('CACC pipeline', () => {
  const costs = (c: number, d: number): ChannelOpCosts => ({ compute: () => c, drain: () => d });
  it('compute-bound ops hide their drains', () => {
    // c = 40 > d = 10: 3 ops hand over at 40, 80, 120.
    expect(pipelineCycles({ runs: [{ length: 16, count: 3 }], repeat: 1, kernels: 32 }, costs(40, 10), 0)).toEqual({ cycles: 120, lastDrain: 10 });
  });
  it('drain-bound ops wait for the previous drain', () => {
    // c = 16, d = 32: T0 = 16, T1 = 16 + max(16, 32) = 48, T2 = 80; the last drain of 32 follows.
    expect(pipelineCycles({ runs: [{ length: 16, count: 3 }], repeat: 1, kernels: 32 }, costs(16, 32), 0)).toEqual({ cycles: 80, lastDrain: 32 });
    // A drain still owed from earlier work delays the first hand-over: max(16, 50) = 50, then 32, 32.
    expect(pipelineCycles({ runs: [{ length: 16, count: 3 }], repeat: 1, kernels: 32 }, costs(16, 32), 50).cycles).toBe(114);
  });
  it('repeats cost the same after the first (image mode rows)', () => {
    // Per row: ops (c = 10, d = 20) and (c = 30, d = 5). Row 1 from idle: max(10,0) + max(30,20) = 40;
    // later rows start after a drain of 5: max(10,5) + max(30,20) = 40. 3 rows: 120.
    const work = { runs: [{ length: 1, count: 1 }, { length: 2, count: 1 }], repeat: 3, kernels: 8 };
    const c: ChannelOpCosts = { compute: (L) => (L === 1 ? 10 : 30), drain: (L) => (L === 1 ? 20 : 5) };
    expect(pipelineCycles(work, c, 0)).toEqual({ cycles: 120, lastDrain: 5 });
  });
  it('a step starts when its data is in and its first weights are loaded', () => {
    const work = { runs: [{ length: 16, count: 1 }], repeat: 1, kernels: 32 };
    // Weights in CBUF at cycle 100 → loaded by 116; input at 50: start 116, end 116 + 16.
    expect(runStep(IDLE_CACC, 50, 100, work, costs(16, 32), 16)).toEqual({ computeEnd: 132, drain: 32 });
    // Weights in long before the previous step ended: their load was hidden; the owed drain (32) delays hand-over.
    expect(runStep({ computeEnd: 500, drain: 32 }, 0, 0, work, costs(16, 32), 16)).toEqual({ computeEnd: 532, drain: 32 });
    // Input late (600): the owed drain finished meanwhile.
    expect(runStep({ computeEnd: 500, drain: 32 }, 600, 0, work, costs(16, 32), 16)).toEqual({ computeEnd: 616, drain: 32 });
  });
});
