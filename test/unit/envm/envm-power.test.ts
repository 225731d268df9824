import { describe, expect, it } from 'vitest';
import { EnvmArray } from '../../../src/hw/envm/envm-array.js';
import type { DomainKind } from '../../../src/hw/power-domain-params.js';
import { envmParams, REF_CELLS } from './helpers.js';

// RRAM, 1 bit per cell, 8 banks of the 1024 KiB-cell array: leakage 8 × 3.432 = 27.456 mW.
// Domain defaults: power-gated keeps 5 % of it; wake-up 100 ns, 1000 pJ.
const make = (powerDomain: DomainKind = 'power-gated') => new EnvmArray(envmParams({ powerDomain }), new Map([[1, 8 * REF_CELLS]]));
const US = 1_000_000; // ps

describe('eNVM power gating', () => {
  it('leaks fully while on, 5 % while gated; wake-up costs its time and energy; data survives', () => {
    const a = make();
    a.advanceTo(1 * US);
    // 27.456 mW × 1 µs = 27.456 nJ
    expect(a.energy_J().leakage).toBeCloseTo(27.456e-9, 18);
    a.sleep(1 * US);
    expect(a.isGated).toBe(true);
    a.advanceTo(3 * US);
    // + 0.05 × 27.456 mW × 2 µs = 2.7456 nJ
    expect(a.energy_J().leakage).toBeCloseTo(30.2016e-9, 18);
    expect(a.residency_s()).toEqual({ on: 1e-6, gated: 2e-6 });
    const ready = a.wake(3 * US);
    expect(ready).toBe(3 * US + 100_000); // + 100 ns
    expect(a.energy_J().wakeup).toBeCloseTo(1e-9, 20);
    expect(a.contentsValid).toBe(true);
    // The banks accept nothing before the array is awake: 3.1 µs + 775 ps.
    expect(a.readStream(64, 1, 3 * US)).toBe(3 * US + 100_000 + 775);
    a.advanceTo(4 * US);
    // on for another 1 µs (the wake-up time counts as on): 2 × 27.456 + 2.7456 nJ
    expect(a.energy_J().leakage).toBeCloseTo(57.6576e-9, 18);
  });

  it('a read while gated wakes the array first', () => {
    const a = make();
    a.sleep(0);
    expect(a.readStream(64, 1, 500)).toBe(500 + 100_000 + 775);
    expect(a.stats().wakeUps).toBe(1);
  });

  it('gating waits for accepted work to finish', () => {
    const a = make();
    a.readStream(1024, 1, 0); // 16 words over 8 banks: busy until 1550 ps
    a.sleep(100);
    a.advanceTo(10_000);
    expect(a.residency_s().on).toBeCloseTo(1550e-12, 20);
  });

  it('with a known next wake, gates only when the leakage saved exceeds the wake-up energy (boundary pair)', () => {
    // Break-even idle: 1 nJ / (0.95 × 27.456 mW) = 38.34 ns.
    const short = make();
    short.sleep(0, 38_000); // saves 0.95 × 27.456 mW × 38 ns = 0.991 nJ < 1 nJ: stays on
    expect(short.isGated).toBe(false);
    const long = make();
    long.sleep(0, 39_000); // saves 1.017 nJ > 1 nJ: gates
    expect(long.isGated).toBe(true);
  });

  it('always-on: sleep keeps the array on and leaking', () => {
    const a = make('always-on');
    a.sleep(0);
    a.advanceTo(2 * US);
    expect(a.wake(2 * US)).toBe(2 * US);
    expect(a.residency_s()).toEqual({ on: 2e-6 });
    expect(a.energy_J().leakage).toBeCloseTo(54.912e-9, 18);
    expect(a.energy_J().wakeup).toBe(0);
  });

  it('supply-off: 0 W while off, the rail ramp (200 µs, 2 µJ) to come back, and the weights survive (non-volatile)', () => {
    const a = make('supply-off');
    a.sleep(0);
    a.advanceTo(1000 * US);
    expect(a.energy_J().leakage).toBe(0);
    expect(a.wake(1000 * US)).toBe(1200 * US);
    expect(a.energy_J().wakeup).toBeCloseTo(2e-6, 15);
    expect(a.contentsValid).toBe(true);
    expect(a.residency_s()).toEqual({ on: 0, off: 1e-3 });
  });
});
