import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { defaultsOf, sectionSchema, statsOf } from '../../../src/engine/spec.js';
import { SramBuffer } from '../../../src/hw/sram/sram-buffer.js';
import { sramSpec, type SramParams } from '../../../src/hw/sram/spec.js';

const params = (o: Partial<SramParams> = {}): SramParams => ({ ...defaultsOf<SramParams>(sramSpec), ...o });
const MiB = 1024 * 1024;
const US = 1_000_000; // ps

describe('SRAM figures from the 2 MB reference array', () => {
  it('defaults reproduce the reference row (2 MiB in 64 banks of 32 KiB)', () => {
    const s = new SramBuffer(params());
    // Each bank (262,144 cells) is below the 2 MiB point: latency and energy held;
    // leakage and area linear: 64 × 56.35 × 262144/16777216 = 56.35 mW, 64 × 1.309/64 = 1.309 mm².
    expect(s.figures.readLatency_ns).toBe(4.684);
    expect(s.figures.readEnergy_pJ_per_access).toBe(1.128);
    expect(s.figures.writeLatency_ns).toBe(4.679);
    expect(s.figures.writeEnergy_pJ_per_access).toBe(17.016);
    expect(s.figures.leakage_mW).toBeCloseTo(56.35, 9);
    expect(s.area_mm2()).toBeCloseTo(1.309, 9);
    // 64 banks × 8 B / 4.684 ns = 109.308 GB/s
    expect(s.peakBandwidth_Bps() / 1e9).toBeCloseTo(109.308, 3);
  });

  it('scales leakage and area with capacity, energy with access width; overrides win', () => {
    const big = new SramBuffer(params({ capacity_B: 4 * MiB }));
    expect(big.figures.leakage_mW).toBeCloseTo(112.7, 9); // 2 × 56.35
    expect(big.area_mm2()).toBeCloseTo(2.618, 9); // 2 × 1.309
    expect(big.figures.readLatency_ns).toBe(4.684);
    const wide = new SramBuffer(params({ accessWidth_bits: 128 }));
    expect(wide.figures.readEnergy_pJ_per_access).toBeCloseTo(2.256, 12); // 1.128 × 2
    const mine = new SramBuffer(params({ overrides: { readEnergy_pJ_per_access: 2, area_mm2: 3 } }));
    expect(mine.figures.readEnergy_pJ_per_access).toBe(2);
    expect(mine.area_mm2()).toBe(3);
    expect(mine.figures.leakage_mW).toBeCloseTo(56.35, 9);
  });
});

describe('SramBuffer transfers', () => {
  it('reads and writes words with their own latency and energy; one bank serializes', () => {
    const s = new SramBuffer(params({ banks: 1 }));
    expect(s.transfer('read', 0, 8, 0, 'features')).toBe(4684); // one 64-bit word
    expect(s.transfer('write', 8, 8, 4684, 'outputs')).toBe(4684 + 4679);
    expect(s.transfer('read', 0, 16, 20_000, 'features')).toBe(20_000 + 2 * 4684); // two words, one bank
    const e = s.energy_J();
    expect(e.read).toBeCloseTo(3 * 1.128e-12, 20);
    expect(e.write).toBeCloseTo(17.016e-12, 20);
    expect(s.bytesRead).toBe(24);
    expect(s.bytesWritten).toBe(8);
  });

  it('fits / does not fit (boundary pair at the capacity)', () => {
    const s = new SramBuffer(params());
    expect(s.checkFits(2 * MiB)).toBeUndefined();
    expect(s.checkFits(2 * MiB + 1)).toMatch(/need 2097153 B .* sram.capacity_B is 2097152 B \(1 B short\)/);
  });
});

describe('SRAM power gating', () => {
  it('power-gated (the default): 5 % leakage while gated, contents lost', () => {
    const s = new SramBuffer(params());
    s.advanceTo(1 * US); // 56.35 mW × 1 µs = 56.35 nJ
    s.sleep(1 * US);
    s.advanceTo(2 * US);
    // + 0.05 × 56.35 nJ = 59.1675 nJ
    expect(s.energy_J().leakage).toBeCloseTo(59.1675e-9, 18);
    expect(s.contentsValid).toBe(false);
    expect(s.wake(2 * US)).toBe(2 * US + 100_000);
    expect(s.energy_J().wakeup).toBeCloseTo(1e-9, 20);
  });

  it('with retention: 10 % leakage while gated, contents kept', () => {
    const s = new SramBuffer(params({ powerDomain: 'retention' }));
    s.advanceTo(1 * US);
    s.sleep(1 * US);
    s.advanceTo(2 * US);
    // 56.35 nJ on + 0.1 × 56.35 nJ in retention = 61.985 nJ
    expect(s.energy_J().leakage).toBeCloseTo(61.985e-9, 18);
    expect(s.contentsValid).toBe(true);
    expect(s.residency_s()).toEqual({ on: 1e-6, retention: 1e-6 });
  });
});

describe('sramSpec', () => {
  it('defaults validate and the buffer reports exactly the declared statistics', () => {
    const validate = new Ajv2020({ strict: false }).compile(sectionSchema(sramSpec));
    expect(validate(defaultsOf(sramSpec))).toBe(true);
    expect(validate({ overrides: { readEnergy: 1 } })).toBe(false);
    expect(validate({ retentionLeakageFraction: 1.5 })).toBe(false);
    const s = new SramBuffer(params());
    expect(Object.keys(s.stats()).sort()).toEqual(statsOf(sramSpec, 'counter', 'figure').map((x) => x.key).sort());
  });
});
