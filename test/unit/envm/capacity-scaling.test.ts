import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { UserError } from '../../../src/errors.js';
import { checkedCurve, figureAt, type CapacityRule } from '../../../src/hw/memory-figures/capacity-scaling.js';
import { curvesFor, figuresAt } from '../../../src/hw/memory-figures/figure-curves.js';
import { REFERENCE_ROWS } from '../../../src/hw/memory-figures/reference-table.js';

const KIB = 8192; // cells per KiB-worth of cells
const RULE: CapacityRule = { peripheryFloor_fraction: 0.125 };

describe('capacity rule: at and between the reference rows', () => {
  const rram1 = curvesFor('RRAM', 1);

  it('is exact at every NVSim-fork row (per-cell figures: unless a larger row is lower)', () => {
    for (const r of REFERENCE_ROWS.filter((x) => x.tool === 'nvsim-fork')) {
      const f = figuresAt(curvesFor(r.technology, r.bitsPerCell), r.capacity_cells_KiB * KIB, RULE);
      expect(f.readLatency_ns).toBe(r.readLatency_ns);
      expect(f.readEnergy_pJ_per_access).toBe(r.readEnergy_pJ_per_access);
      expect(f.area_mm2).toBe(r.area_mm2);
      // The only dips in the table: CTT 1 bit per cell leakage 41.058 → 41.043 (256 → 512 KiB) and
      // 164.231 → 164.213 (1024 → 4096 KiB); those take the larger row's value.
      const clamped = r.technology === 'CTT' && r.bitsPerCell === 1 && (r.capacity_cells_KiB === 256 || r.capacity_cells_KiB === 1024);
      expect(f.leakage_mW).toBe(clamped ? (r.capacity_cells_KiB === 256 ? 41.043 : 164.213) : r.leakage_mW);
    }
  });

  it('small arrays: the 128, 256 and 512 KiB rows of RRAM 2 bits per cell', () => {
    const rram2 = curvesFor('RRAM', 2);
    expect(figuresAt(rram2, 128 * KIB, RULE)).toEqual({ readLatency_ns: 0.7028, readEnergy_pJ_per_access: 1.311, leakage_mW: 0.4288, area_mm2: 0.041464 });
    expect(figuresAt(rram2, 256 * KIB, RULE)).toEqual({ readLatency_ns: 0.731, readEnergy_pJ_per_access: 2.145, leakage_mW: 0.8577, area_mm2: 0.082927 });
    expect(figuresAt(rram2, 512 * KIB, RULE)).toEqual({ readLatency_ns: 0.7519, readEnergy_pJ_per_access: 2.897, leakage_mW: 1.716, area_mm2: 0.144049 });
  });

  it('draws a straight line in capacity between two rows', () => {
    // RRAM 1 bit per cell at 384 KiB, halfway between 256 and 512 KiB: the mean of the two rows.
    const f = figuresAt(rram1, 384 * KIB, RULE);
    expect(f.leakage_mW).toBeCloseTo((0.858 + 2.995) / 2, 12); // 1.9265, where NVSim jumps ×3.5
    expect(f.area_mm2).toBeCloseTo((0.061679 + 0.131457) / 2, 12); // 0.096568
    expect(f.readLatency_ns).toBeCloseTo((0.6833 + 0.6086) / 2, 12); // 0.64595
    // 2048 KiB, a third of the way from 1024 to 4096: 0.7749 + (1.141 − 0.7749) / 3 = 0.896933
    expect(figuresAt(rram1, 2048 * KIB, RULE).readLatency_ns).toBeCloseTo(0.896933, 6);
  });

  it('uses one tool per curve: RRAM 1 bit per cell follows the NVSim-fork series, not the NVMExplorer 2 MB point', () => {
    expect(figuresAt(rram1, 2048 * KIB, RULE).readLatency_ns).not.toBeCloseTo(0.793, 2);
    expect(rram1.sources.readLatency_ns).toContain('nvsim-merged');
    expect(rram1.origins.area_mm2).toBe('nvsim-fork');
    // STT has only the NVMExplorer point.
    expect(figuresAt(curvesFor('STT', 1), 2048 * KIB, RULE).readLatency_ns).toBe(0.591);
  });

  it('property: between two points an interpolated figure lies between their values', () => {
    const rng = randomStream(1, 'capacity-scaling');
    const curve = checkedCurve(curvesFor('CTT', 3).curves.readLatency_ns, 'test'); // non-monotone in capacity
    for (let i = 0; i < 200; i++) {
      const seg = rng.int(curve.length - 1);
      const lo = curve[seg]!;
      const hi = curve[seg + 1]!;
      const c = lo.capacity_cells + rng.next() * (hi.capacity_cells - lo.capacity_cells);
      const v = figureAt(curve, c, 'latency', RULE);
      expect(v).toBeGreaterThanOrEqual(Math.min(lo.value, hi.value) - 1e-12);
      expect(v).toBeLessThanOrEqual(Math.max(lo.value, hi.value) + 1e-12);
    }
  });
});

describe('capacity rule: below the smallest row', () => {
  const rram1 = curvesFor('RRAM', 1);

  it('holds per-access figures and uses periphery + cells with the periphery floor', () => {
    // RRAM 1 bit per cell, 64 KiB (half the 128 KiB row). Area: the line through 128 and 256 KiB
    // has intercept 0.030947 − (0.061679 − 0.030947) = 0.000215 mm², below the floor
    // 0.125 × 0.030947 = 0.003868375, so periphery = the floor:
    // 0.003868375 + (0.030947 − 0.003868375) / 2 = 0.0174076875 mm² (linear scaling gave 0.0154735).
    // Leakage: intercept 0.4288 − 0.4292 = −0.0004 mW, floor 0.0536: 0.0536 + 0.3752 / 2 = 0.2412 mW.
    const f = figuresAt(rram1, 64 * KIB, RULE);
    expect(f.readLatency_ns).toBe(0.6669);
    expect(f.readEnergy_pJ_per_access).toBe(1.289);
    expect(f.area_mm2).toBeCloseTo(0.0174076875, 12);
    expect(f.leakage_mW).toBeCloseTo(0.2412, 12);
    // At zero cells only the periphery is left, never zero.
    expect(figuresAt(rram1, 0, RULE).area_mm2).toBeCloseTo(0.003868375, 12);
    expect(figuresAt(rram1, 0, RULE).leakage_mW).toBeCloseTo(0.0536, 12);
  });

  it('uses the fitted periphery where it is above the floor (CTT 2 bits per cell area)', () => {
    // Intercept 0.017821 − (0.023753 − 0.017821) = 0.011889 mm² > floor 0.002227625.
    // 64 KiB: 0.011889 + 0.005932 / 2 = 0.014855 mm².
    expect(figuresAt(curvesFor('CTT', 2), 64 * KIB, RULE).area_mm2).toBeCloseTo(0.014855, 12);
  });

  it('property: a bank below the smallest row keeps at least the periphery floor and at most the row', () => {
    const rng = randomStream(2, 'periphery-floor');
    for (const [tech, bpc] of [['RRAM', 1], ['RRAM', 2], ['RRAM', 3], ['CTT', 1], ['CTT', 2], ['CTT', 3]] as const) {
      const curves = curvesFor(tech, bpc);
      for (const key of ['leakage_mW', 'area_mm2'] as const) {
        const smallest = curves.curves[key][0]!;
        for (let i = 0; i < 50; i++) {
          const c = rng.next() * smallest.capacity_cells;
          const v = figuresAt(curves, c, RULE)[key];
          expect(v).toBeGreaterThanOrEqual(0.125 * smallest.value - 1e-15);
          expect(v).toBeLessThanOrEqual(smallest.value + 1e-15);
        }
      }
    }
  });

  it('a zero floor and a proportional series give linear scaling (the SRAM case)', () => {
    const sram = figuresAt(curvesFor('SRAM', 1), 1024 * KIB, { peripheryFloor_fraction: 0 });
    expect(sram.leakage_mW).toBeCloseTo(56.35 / 2, 12);
    expect(sram.area_mm2).toBeCloseTo(1.309 / 2, 12);
  });
});

describe('capacity rule: beyond the largest row', () => {
  it('whole tiles of the largest array: per-access figures of one tile, per-cell figures times the tiles', () => {
    expect(figuresAt(curvesFor('RRAM', 1), 32768 * KIB, RULE)).toEqual({
      readLatency_ns: 2.606,
      readEnergy_pJ_per_access: 17.142,
      leakage_mW: 2 * 54.914,
      area_mm2: 2 * 3.947,
    });
  });

  it('a remainder tile with its own figures (RRAM 2 bits per cell, 40960 KiB = 2 × 16384 + 8192)', () => {
    // Remainder 8192 KiB, a third of the way from 4096 to 16384 KiB:
    // leakage 13.729 + (33.668 − 13.729) / 3 = 20.375333; area 1.152 + (3.889 − 1.152) / 3 = 2.064333;
    // energy 9.594 + (20.34 − 9.594) / 3 = 13.176; latency 1.402 + (2.979 − 1.402) / 3 = 1.927667.
    const f = figuresAt(curvesFor('RRAM', 2), 40960 * KIB, RULE);
    expect(f.leakage_mW).toBeCloseTo(2 * 33.668 + 20.375333333, 8); // 87.711333 (linear growth: 84.17)
    expect(f.area_mm2).toBeCloseTo(2 * 3.889 + 2.064333333, 8); // 9.842333
    expect(f.readLatency_ns).toBe(2.979); // the slower tile
    expect(f.readEnergy_pJ_per_access).toBeCloseTo((32768 * 20.34 + 8192 * 13.176) / 40960, 9); // 18.90720
  });

  it('a bank is timed by its slowest tile (CTT 3 bits per cell: the 4096 KiB remainder is slower)', () => {
    expect(figuresAt(curvesFor('CTT', 3), (16384 + 4096) * KIB, RULE).readLatency_ns).toBe(23.216);
  });
});

describe('overrides', () => {
  it('replace only the figures they give, at the bits per cell they name', () => {
    const c = curvesFor('RRAM', 1, [{ bitsPerCell: 1, capacity_cells: 1024 * KIB, readLatency_ns: 2 }]);
    // One override point: latency 2 ns at every capacity (per-access figures held, tiles alike).
    expect(figuresAt(c, 1024 * KIB, RULE).readLatency_ns).toBe(2);
    expect(figuresAt(c, 16384 * KIB, RULE).readLatency_ns).toBe(2);
    expect(figuresAt(c, 1024 * KIB, RULE).readEnergy_pJ_per_access).toBe(4.028);
    expect(c.sources.readLatency_ns).toContain('override');
    expect(c.origins.readLatency_ns).toBe('override');
    // The 2-bit curve is untouched.
    expect(figuresAt(curvesFor('RRAM', 2, [{ bitsPerCell: 1, capacity_cells: 1, readLatency_ns: 2 }]), 1024 * KIB, RULE).readLatency_ns).toBe(0.8647);
  });

  it('make a technology usable at bits per cell the table lacks; without them it is a user error', () => {
    expect(() => curvesFor('STT', 2)).toThrow(UserError);
    const c = curvesFor('STT', 2, [
      { bitsPerCell: 2, capacity_cells: 1000, readLatency_ns: 1, readEnergy_pJ_per_access: 5, leakage_mW: 2, area_mm2: 0.1 },
      { bitsPerCell: 2, capacity_cells: 4000, readLatency_ns: 4, readEnergy_pJ_per_access: 5, leakage_mW: 8, area_mm2: 0.4 },
    ]);
    // A third of the way from 1000 to 4000 cells: 1 + (4 − 1) / 3 = 2 ns
    expect(figuresAt(c, 2000, RULE).readLatency_ns).toBeCloseTo(2, 12);
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
