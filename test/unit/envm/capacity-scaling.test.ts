import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { UserError } from '../../../src/errors.js';
import { checkedCurve, figureAt } from '../../../src/hw/envm/capacity-scaling.js';
import { curvesFor, figuresAt } from '../../../src/hw/envm/figure-curves.js';

const KIB = 8192; // cells per KiB-worth of cells

describe('capacity rule', () => {
  const rram1 = curvesFor('RRAM', 1);

  it('is exact at the reference points', () => {
    const f = figuresAt(curvesFor('RRAM', 2), 4096 * KIB);
    expect(f).toEqual({ readLatency_ns: 1.402, readEnergy_pJ_per_access: 9.594, leakage_mW: 13.729, area_mm2: 1.152 });
  });

  it('interpolates log-log between points', () => {
    // 2048 KiB is the log-midpoint of 1024 and 4096: geometric mean.
    // latency sqrt(0.7749 × 1.141) = sqrt(0.8841609) = 0.940298
    expect(figuresAt(rram1, 2048 * KIB).readLatency_ns).toBeCloseTo(0.940298, 6);
    // 8192 KiB between 4096 and 16384: area sqrt(0.986859 × 3.947) = 1.973609
    expect(figuresAt(rram1, 8192 * KIB).area_mm2).toBeCloseTo(1.973609, 6);
    // 3000 KiB: slope ln(1.141/0.7749)/ln 4 = 0.279108; 0.7749 × (3000/1024)^0.279108 = 1.046019
    expect(figuresAt(rram1, 3000 * KIB).readLatency_ns).toBeCloseTo(1.046019, 5);
  });

  it('tiles the largest array beyond it: per-access held, leakage and area scale with the tile count', () => {
    // 32768 KiB = 2 tiles of 16384 KiB.
    expect(figuresAt(rram1, 32768 * KIB)).toEqual({
      readLatency_ns: 2.606,
      readEnergy_pJ_per_access: 17.142,
      leakage_mW: 2 * 54.914, // 109.828
      area_mm2: 2 * 3.947, // 7.894
    });
  });

  it('below the smallest array holds per-access figures and scales leakage and area linearly', () => {
    const f = figuresAt(rram1, 512 * KIB);
    expect(f.readLatency_ns).toBe(0.7749);
    expect(f.readEnergy_pJ_per_access).toBe(4.028);
    expect(f.leakage_mW).toBeCloseTo(3.432 / 2, 12); // 1.716
    expect(f.area_mm2).toBeCloseTo(0.246715 / 2, 12); // 0.1233575
    expect(figuresAt(rram1, 0).area_mm2).toBe(0);
  });

  it('uses one tool per curve: RRAM 1 bit per cell follows the NVSim-fork series, not the NVMExplorer 2 MB point', () => {
    expect(figuresAt(rram1, 2048 * KIB).readLatency_ns).not.toBeCloseTo(0.793, 2);
    expect(rram1.sources.readLatency_ns).toContain('nvsim-merged');
    // STT has only the NVMExplorer point.
    expect(figuresAt(curvesFor('STT', 1), 2048 * KIB).readLatency_ns).toBe(0.591);
  });

  it('property: between two points an interpolated figure lies between their values', () => {
    const rng = randomStream(1, 'capacity-scaling');
    const curve = checkedCurve(
      curvesFor('CTT', 3).curves.readLatency_ns, // non-monotone: 17.565, 23.216, 16.884
      'test',
    );
    for (let i = 0; i < 200; i++) {
      const seg = rng.int(curve.length - 1);
      const lo = curve[seg]!;
      const hi = curve[seg + 1]!;
      const c = lo.capacity_cells + rng.next() * (hi.capacity_cells - lo.capacity_cells);
      const v = figureAt(curve, c, 'perAccess');
      expect(v).toBeGreaterThanOrEqual(Math.min(lo.value, hi.value) - 1e-12);
      expect(v).toBeLessThanOrEqual(Math.max(lo.value, hi.value) + 1e-12);
    }
  });
});

describe('overrides', () => {
  it('replace only the figures they give, at the bits per cell they name', () => {
    const c = curvesFor('RRAM', 1, [{ bitsPerCell: 1, capacity_cells: 1024 * KIB, readLatency_ns: 2 }]);
    // One override point: latency 2 ns at every capacity (per-access figures held).
    expect(figuresAt(c, 1024 * KIB).readLatency_ns).toBe(2);
    expect(figuresAt(c, 16384 * KIB).readLatency_ns).toBe(2);
    expect(figuresAt(c, 1024 * KIB).readEnergy_pJ_per_access).toBe(4.028);
    expect(c.sources.readLatency_ns).toContain('override');
    // The 2-bit curve is untouched.
    expect(figuresAt(curvesFor('RRAM', 2, [{ bitsPerCell: 1, capacity_cells: 1, readLatency_ns: 2 }]), 1024 * KIB).readLatency_ns).toBe(0.8647);
  });

  it('make a technology usable at bits per cell the table lacks; without them it is a user error', () => {
    expect(() => curvesFor('STT', 2)).toThrow(UserError);
    const c = curvesFor('STT', 2, [
      { bitsPerCell: 2, capacity_cells: 1000, readLatency_ns: 1, readEnergy_pJ_per_access: 5, leakage_mW: 2, area_mm2: 0.1 },
      { bitsPerCell: 2, capacity_cells: 4000, readLatency_ns: 4, readEnergy_pJ_per_access: 5, leakage_mW: 8, area_mm2: 0.4 },
    ]);
    // log-log midpoint of (1000, 1 ns) and (4000, 4 ns) at 2000 cells: sqrt(1 × 4) = 2 ns
    expect(figuresAt(c, 2000).readLatency_ns).toBeCloseTo(2, 12);
  });

  it('reject two values of one figure at one capacity', () => {
    expect(() =>
      curvesFor('RRAM', 1, [
        { bitsPerCell: 1, capacity_cells: 10, area_mm2: 1 },
        { bitsPerCell: 1, capacity_cells: 10, area_mm2: 2 },
      ]),
    ).toThrow(UserError);
  });
});
