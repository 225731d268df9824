import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { resolveArchConfig } from '../../../src/config/arch-config.js';
import { FLASH_PARTS } from '../../../src/hw/backing-store/flash-parts.js';
import { UserError } from '../../../src/errors.js';
import { Lpddr4Memory } from '../../../src/hw/dram/lpddr4-memory.js';
import { WeightReloader } from '../../../src/hw/backing-store/weight-reload.js';
import { refParams } from '../dram/helpers.js';

const BASELINE = JSON.parse(readFileSync('arch-configs/nvdla-full-lpddr4.json', 'utf8')) as Record<string, unknown>;
const withStore = (backingStore: unknown): unknown => ({ ...BASELINE, backingStore });

describe('flash parts: the table in code is reference/flash-parts.csv', () => {
  it('row by row, and each energy is supply × current / bandwidth where the CSV gives a current', () => {
    // The first seven columns hold no commas; the quoted source and derivation come after them.
    const [, ...lines] = readFileSync('reference/flash-parts.csv', 'utf8').trim().split(/\r?\n/);
    const rows = lines.map((l) => l.split(',').slice(0, 7));
    expect(rows.map((r) => r[0])).toEqual(Object.keys(FLASH_PARTS));
    for (const [part, kind, , supply, current, bw_MBps, energy] of rows) {
      const p = FLASH_PARTS[part as keyof typeof FLASH_PARTS];
      expect(p.kind).toBe(kind);
      expect(p.readBandwidth_GBps).toBeCloseTo(Number(bw_MBps) / 1000, 12);
      expect(p.readEnergy_pJ_per_B).toBe(Number(energy));
      if (current !== '') expect(Number(energy)).toBeCloseTo((Number(supply) * Number(current) * 1e-3) / (Number(bw_MBps) * 1e6) * 1e12, -1);
    }
  });
});

describe('backingStore.part', () => {
  it('takes the part\'s figures; a number given replaces only that figure', () => {
    expect(resolveArchConfig(BASELINE, 'x.json').backingStore).toEqual({ part: 'ufs-3.1', readBandwidth_GBps: 2.1, readEnergy_pJ_per_B: 292, hostTransferEnergy_pJ_per_B: 20 });
    expect(resolveArchConfig(withStore({ part: 'emmc-5.1' }), 'x.json').backingStore).toEqual({ part: 'emmc-5.1', readBandwidth_GBps: 0.3, readEnergy_pJ_per_B: 1450, hostTransferEnergy_pJ_per_B: 20 });
    expect(resolveArchConfig(withStore({ part: 'nor-qspi-3v', readEnergy_pJ_per_B: 400 }), 'x.json').backingStore).toMatchObject({ readBandwidth_GBps: 0.0665, readEnergy_pJ_per_B: 400 });
  });

  it('an unknown part is a user error naming the path and the parts', () => {
    try {
      resolveArchConfig(withStore({ part: 'ufs-9' }), 'x.json');
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UserError);
      expect(String((e as UserError).message) + JSON.stringify((e as UserError).details)).toMatch(/backingStore\/part[\s\S]*ufs-4\.0|ufs-4\.0[\s\S]*backingStore\/part/);
    }
  });
});

describe('reload energy and time, by hand', () => {
  it('1 MB from eMMC: 1 MB × (1450 + 20) pJ/B = 1.47 mJ outside the DRAM; 1 MB / 0.3 GB/s = 3.33 ms (the flash is the slower)', () => {
    const store = { part: 'emmc-5.1' as const, readBandwidth_GBps: 0.3, readEnergy_pJ_per_B: 1450, hostTransferEnergy_pJ_per_B: 20 };
    const r = new WeightReloader(new Lpddr4Memory(refParams()), 1e6, store);
    expect(r.flashEnergy_J()).toBeCloseTo(1.45e-3, 12);
    expect(r.hostEnergy_J()).toBeCloseTo(20e-6, 12);
    expect(r.backingEnergy_J()).toBeCloseTo(1.47e-3, 12);
    expect(r.reloadDuration_ps()).toBe(Math.ceil((1e6 * 1000) / 0.3));
    // The DRAM's writes come on top (its model): more than the backing store alone, far less than double.
    expect(r.reloadEnergy_J()).toBeGreaterThan(r.backingEnergy_J());
    expect(r.reloadEnergy_J()).toBeLessThan(1.1 * r.backingEnergy_J());
    // A faster part is no longer the bottleneck: UFS 4.0 at 4.2 GB/s streams 1 MB in 238 µs.
    const ufs = new WeightReloader(new Lpddr4Memory(refParams()), 1e6, { ...store, part: 'ufs-4.0', readBandwidth_GBps: 4.2, readEnergy_pJ_per_B: 200 });
    expect(ufs.backingEnergy_J()).toBeCloseTo(0.22e-3, 12);
    expect(ufs.reloadDuration_ps()).toBeGreaterThanOrEqual(Math.ceil((1e6 * 1000) / 4.2));
  });
});
