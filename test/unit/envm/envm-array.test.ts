import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { EnvmArray } from '../../../src/hw/envm/envm-array.js';
import { CTT_CAVEAT } from '../../../src/hw/memory-figures/reference-table.js';
import { envmParams, REF_CELLS } from './helpers.js';

// 8 banks × REF_CELLS: every bank is exactly the 1024 KiB-cell reference array.
const at = (bpc: number) => new Map([[bpc, 8 * REF_CELLS]]);

describe('EnvmArray reads at 1, 2 and 3 bits per cell (RRAM, 8 banks, parallel sensing)', () => {
  it('1 bit per cell: 64-bit words, 0.7749 ns, 4.028 pJ', () => {
    const a = new EnvmArray(envmParams({ bitsPerCell: 1 }), at(1));
    expect(a.subArray(1).wordBits).toBe(64);
    // One word: one access of round(0.7749 ns) = 775 ps.
    expect(a.readStream(64, 1, 0)).toBe(775);
    expect(a.energy_J().read).toBeCloseTo(4.028e-12, 20);
    // 16 words over 8 banks: two accesses per bank, 2 × 775 = 1550 ps after t = 10000.
    expect(a.readStream(1024, 1, 10_000)).toBe(11_550);
    expect(a.accesses).toBe(17);
    // Peak: 8 banks × 8 B / 0.7749 ns = 82.591 GB/s
    expect(a.peakBandwidth_Bps() / 1e9).toBeCloseTo(82.591, 3);
  });

  it('2 bits per cell: 128-bit words, 0.8647 ns, 4.607 pJ (the NVSim-fork row already includes MLC sensing)', () => {
    const a = new EnvmArray(envmParams({ bitsPerCell: 2 }), at(2));
    expect(a.subArray(2).wordBits).toBe(128);
    expect(a.readStream(128, 2, 0)).toBe(865); // round(0.8647 ns)
    expect(a.energy_J().read).toBeCloseTo(4.607e-12, 20); // no parallel-sensing adder on this row
    // Peak: 8 × 16 B / 0.8647 ns = 148.028 GB/s
    expect(a.peakBandwidth_Bps() / 1e9).toBeCloseTo(148.028, 3);
  });

  it('3 bits per cell: 192-bit words, 0.9293 ns, 4.783 pJ, whichever sensing scheme (the row includes it)', () => {
    for (const sensing of ['parallel', 'sequential'] as const) {
      const a = new EnvmArray(envmParams({ bitsPerCell: 3, sensing }), at(3));
      expect(a.readStream(192, 3, 0)).toBe(929);
      expect(a.energy_J().read).toBeCloseTo(4.783e-12, 20);
      expect(a.peakBandwidth_Bps() / 1e9).toBeCloseTo(206.607, 3); // 8 × 24 B / 0.9293 ns
    }
  });

  it('MLC adders apply to override figures that do not include MLC sensing', () => {
    const own = [{ bitsPerCell: 3, capacity_cells: REF_CELLS, readLatency_ns: 1, readEnergy_pJ_per_access: 4 }];
    const withIt = new EnvmArray(envmParams({ bitsPerCell: 3, overrides: own }), at(3));
    expect(withIt.readStream(192, 3, 0)).toBe(1000);
    expect(withIt.energy_J().read).toBeCloseTo(4e-12, 20); // default: overrides include it
    const parallel = new EnvmArray(envmParams({ bitsPerCell: 3, overrides: own, overridesIncludeMlcSensing: false }), at(3));
    expect(parallel.readStream(192, 3, 0)).toBe(1000);
    expect(parallel.energy_J().read).toBeCloseTo(7.072e-12, 20); // 4 + 64 × 6 × 8 fJ
    const sequential = new EnvmArray(
      envmParams({ bitsPerCell: 3, overrides: own, overridesIncludeMlcSensing: false, sensing: 'sequential' }),
      at(3),
    );
    expect(sequential.readStream(192, 3, 0)).toBe(1200); // 1 + 2 × 0.1 ns
    expect(sequential.energy_J().read).toBeCloseTo(5.024e-12, 20); // 4 + 64 × 2 × 8 fJ
  });

  it('an unaligned read touches every word it overlaps', () => {
    const a = new EnvmArray(envmParams(), at(1));
    // Bits 32..95 span words 0 and 1 (banks 0 and 1): two accesses, in parallel.
    expect(a.readStream(64, 1, 0, 32)).toBe(775);
    expect(a.accesses).toBe(2);
  });
});

describe('bank conflicts (boundary pairs)', () => {
  const twoBanks = () => new EnvmArray(envmParams({ banks: 2 }), new Map([[1, 2 * REF_CELLS]]));

  it('two accesses to one bank serialize; to two banks they overlap', () => {
    const same = twoBanks();
    expect(same.readStream(64, 1, 0, 0)).toBe(775); // word 0, bank 0
    expect(same.readStream(64, 1, 0, 128)).toBe(1550); // word 2, bank 0 again: waits 775 ps
    expect(same.stats().bankStall_ns).toBeCloseTo(0.775, 12);
    const other = twoBanks();
    expect(other.readStream(64, 1, 0, 0)).toBe(775); // bank 0
    expect(other.readStream(64, 1, 0, 64)).toBe(775); // word 1, bank 1: no wait
    expect(other.stats().bankStall_ns).toBe(0);
  });

  it('a request one ps before the bank is free waits; one at the instant it is free does not', () => {
    const early = twoBanks();
    early.readStream(64, 1, 0);
    expect(early.readStream(64, 1, 774)).toBe(1550);
    expect(early.stats().bankStall_ns).toBeCloseTo(0.001, 12);
    const onTime = twoBanks();
    onTime.readStream(64, 1, 0);
    expect(onTime.readStream(64, 1, 775)).toBe(1550);
    expect(onTime.stats().bankStall_ns).toBe(0);
  });
});

describe('area, leakage and capacity', () => {
  it('sums the cells needed at each bits per cell', () => {
    const a = new EnvmArray(envmParams(), new Map([[1, 8 * REF_CELLS], [3, 8 * REF_CELLS]]));
    // 8 × 0.246715 + 8 × 0.346273 = 1.97372 + 2.770184 = 4.743904 mm²
    expect(a.area_mm2()).toBeCloseTo(4.743904, 9);
    // 8 × 3.432 + 8 × 3.432 = 54.912 mW
    expect(a.leakage_mW()).toBeCloseTo(54.912, 9);
  });

  it('provisions spare capacity at the default bits per cell, and says when the weights do not fit', () => {
    const stored = new Map([[3, 8 * REF_CELLS]]);
    const roomy = new EnvmArray(envmParams({ capacity_cells: 16 * REF_CELLS }), stored);
    expect(roomy.checkFits()).toBeUndefined();
    expect(roomy.subArray(1).cells).toBe(8 * REF_CELLS); // the spare
    expect(roomy.area_mm2()).toBeCloseTo(4.743904, 9);
    const exact = new EnvmArray(envmParams({ capacity_cells: 8 * REF_CELLS }), stored);
    expect(exact.checkFits()).toBeUndefined();
    const tight = new EnvmArray(envmParams({ capacity_cells: 8 * REF_CELLS - 1 }), stored);
    expect(tight.checkFits()).toMatch(/need 67108864 eNVM cells but envm.capacity_cells provides 67108863/);
  });
});

describe('overrides and configuration checks', () => {
  it('override figures take effect in timing, energy, leakage and area', () => {
    const a = new EnvmArray(
      envmParams({
        overrides: [{ bitsPerCell: 1, capacity_cells: REF_CELLS, readLatency_ns: 2, readEnergy_pJ_per_access: 10, leakage_mW: 1, area_mm2: 0.5 }],
      }),
      at(1),
    );
    expect(a.readStream(64, 1, 0)).toBe(2000);
    expect(a.energy_J().read).toBeCloseTo(10e-12, 20);
    expect(a.leakage_mW()).toBeCloseTo(8, 12); // 8 banks × 1 mW
    expect(a.area_mm2()).toBeCloseTo(4, 12); // 8 banks × 0.5 mm²
  });

  it('energy per access scales with the access width', () => {
    const a = new EnvmArray(envmParams({ accessWidth_cells: 128 }), at(1));
    a.readStream(128, 1, 0); // one 128-cell word
    expect(a.energy_J().read).toBeCloseTo(8.056e-12, 20); // 4.028 × 128 / 64
  });

  it('SRAM as a gated weight store is a user error; CTT carries its caveat; eNVM is read-only', () => {
    expect(() => new EnvmArray(envmParams({ technology: 'SRAM' }), at(1))).toThrow(UserError);
    expect(() => new EnvmArray(envmParams({ technology: 'SRAM', powerDomain: 'always-on' }), at(1))).not.toThrow();
    expect(new EnvmArray(envmParams({ technology: 'CTT' }), at(1)).notes).toContain(CTT_CAVEAT);
    expect(() => new EnvmArray(envmParams(), at(1)).transfer('write', 0, 8, 0, 'weights')).toThrow(/not modelled/);
  });

  it('notes when a bank is outside the characterized capacities', () => {
    const small = new EnvmArray(envmParams(), new Map([[2, 1000]]));
    expect(small.notes.join('\n')).toMatch(/below the smallest/);
    const large = new EnvmArray(envmParams({ banks: 1 }), new Map([[2, 3 * 16 * REF_CELLS + 5]]));
    expect(large.notes.join('\n')).toMatch(/3 whole tile\(s\) of it plus a remainder tile of 5 cells/);
  });

  it('a sub-array that holds no cells has no banks: no area, no leakage', () => {
    // The default bits per cell (1) gets a sub-array even when every stream is at 3.
    const a = new EnvmArray(envmParams(), new Map([[3, 8 * REF_CELLS]]));
    expect(a.subArray(1).cells).toBe(0);
    expect(a.subArray(1).area_mm2).toBe(0);
    expect(a.subArray(1).leakage_mW).toBe(0);
    expect(a.area_mm2()).toBeCloseTo(8 * 0.346273, 9);
  });
});
