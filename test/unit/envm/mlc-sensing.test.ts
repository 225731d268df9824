import { describe, expect, it } from 'vitest';
import { withSensing } from '../../../src/hw/envm/mlc-sensing.js';
import { includesMlcSensing } from '../../../src/hw/memory-figures/reference-table.js';

const base = { readLatency_ns: 1, readEnergy_pJ_per_access: 4, leakage_mW: 3, area_mm2: 0.5 };
const defaults = { senseStep_ns: 0.1, senseEnergy_fJ: 8 };

describe('MLC sensing model', () => {
  it('parallel: + (levels − 2) comparisons per column, latency unchanged', () => {
    const p = { sensing: 'parallel' as const, ...defaults };
    expect(withSensing(base, 1, 64, p)).toEqual(base); // 2 levels: the one comparison the table counts
    // 2 bits: 4 levels, 2 extra comparisons: 64 × 2 × 8 fJ = 1024 fJ = 1.024 pJ
    expect(withSensing(base, 2, 64, p).readEnergy_pJ_per_access).toBeCloseTo(5.024, 12);
    // 3 bits: 8 levels, 6 extra: 64 × 6 × 8 fJ = 3.072 pJ
    const f3 = withSensing(base, 3, 64, p);
    expect(f3.readEnergy_pJ_per_access).toBeCloseTo(7.072, 12);
    expect(f3.readLatency_ns).toBe(1);
    expect(f3.area_mm2).toBe(0.5);
    expect(f3.leakage_mW).toBe(3);
  });

  it('sequential: + (bits − 1) steps of latency and of comparison energy', () => {
    const p = { sensing: 'sequential' as const, ...defaults };
    expect(withSensing(base, 1, 64, p)).toEqual(base);
    // 2 bits: + 0.1 ns, + 64 × 1 × 8 fJ = 0.512 pJ
    const f2 = withSensing(base, 2, 64, p);
    expect(f2.readLatency_ns).toBeCloseTo(1.1, 12);
    expect(f2.readEnergy_pJ_per_access).toBeCloseTo(4.512, 12);
    // 3 bits: + 0.2 ns, + 64 × 2 × 8 fJ = 1.024 pJ
    const f3 = withSensing(base, 3, 64, p);
    expect(f3.readLatency_ns).toBeCloseTo(1.2, 12);
    expect(f3.readEnergy_pJ_per_access).toBeCloseTo(5.024, 12);
  });
});

describe('MLC sensing where the figures already include it', () => {
  it('adds nothing to a figure marked as including MLC sensing', () => {
    const included = { readLatency_ns: true, readEnergy_pJ_per_access: true };
    for (const sensing of ['parallel', 'sequential'] as const) {
      expect(withSensing(base, 3, 64, { sensing, ...defaults }, included)).toEqual(base);
    }
    // Only the energy included: sequential still adds its 2 × 0.1 ns of latency.
    const f = withSensing(base, 3, 64, { sensing: 'sequential', ...defaults }, { readLatency_ns: false, readEnergy_pJ_per_access: true });
    expect(f.readLatency_ns).toBeCloseTo(1.2, 12);
    expect(f.readEnergy_pJ_per_access).toBe(4);
  });

  it('the NVSim-fork rows include it, the NVMExplorer rows do not', () => {
    expect(includesMlcSensing('nvsim-fork')).toBe(true);
    expect(includesMlcSensing('nvmexplorer')).toBe(false);
  });
});
