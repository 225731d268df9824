import { describe, expect, it } from 'vitest';
import { defaultsOf } from '../../../src/engine/spec.js';
import { ControlDomain } from '../../../src/hw/control-domain.js';
import { EnvmArray } from '../../../src/hw/envm/envm-array.js';
import { PowerGate, powerGateConfig, POWER_DOMAIN_DEFAULTS, type DomainKind, type PowerDomainParams } from '../../../src/hw/power-gate.js';
import { SramBuffer } from '../../../src/hw/sram/sram-buffer.js';
import { sramSpec, type SramParams } from '../../../src/hw/sram/spec.js';
import { envmParams, REF_CELLS } from '../envm/helpers.js';

const US = 1_000_000; // ps
const MS = 1000 * US;

/** Hand-picked domain parameters, so every figure below is computed by hand from them. */
const params = (powerDomain: DomainKind): PowerDomainParams => ({
  powerDomain,
  gatedLeakageFraction: 0.04,
  retentionLeakageFraction: 0.1,
  wakeUp_ns: 50,
  wakeUpEnergy_pJ: 2000,
  supplyRamp_ns: 300_000,
  supplyRampEnergy_pJ: 5_000_000,
});

/** A device leaking 10 mW when on: on 1 ms, idle over a 9 ms gap, woken at 10 ms. */
function gap(kind: DomainKind, nonVolatile = false): { gate: PowerGate; ready: number } {
  const gate = new PowerGate(powerGateConfig(params(kind), 10e-3, nonVolatile));
  gate.advanceTo(1 * MS);
  gate.sleep(1 * MS, 0, 10 * MS);
  gate.advanceTo(10 * MS);
  const ready = gate.wake(10 * MS);
  return { gate, ready };
}

describe('idle energy over a gap, per domain kind', () => {
  // On for 1 ms: 10 mW × 1 ms = 10 µJ in every kind.
  it('always-on: 10 mW throughout, 100 µJ over 10 ms, no wake-up', () => {
    const { gate, ready } = gap('always-on');
    expect(gate.leakageEnergy_J).toBeCloseTo(100e-6, 15);
    expect(gate.stateEnergy_J()).toEqual({ on: gate.leakageEnergy_J });
    expect(gate.residency_s()).toEqual({ on: 10e-3 });
    expect(ready).toBe(10 * MS);
    expect(gate.wakeUpEnergy_J).toBe(0);
  });

  it('power-gated: 4 % of 10 mW over 9 ms = 3.6 µJ idle, on top of 10 µJ on', () => {
    const { gate } = gap('power-gated');
    expect(gate.stateEnergy_J().gated).toBeCloseTo(3.6e-6, 15);
    expect(gate.leakageEnergy_J).toBeCloseTo(13.6e-6, 15);
    expect(gate.residency_s()).toEqual({ on: 1e-3, gated: 9e-3 });
  });

  it('retention: 10 % of 10 mW over 9 ms = 9 µJ idle', () => {
    const { gate } = gap('retention');
    expect(gate.stateEnergy_J().retention).toBeCloseTo(9e-6, 15);
    expect(gate.residency_s()).toEqual({ on: 1e-3, retention: 9e-3 });
  });

  it('supply-off: 0 J idle', () => {
    const { gate } = gap('supply-off');
    expect(gate.stateEnergy_J().off).toBe(0);
    expect(gate.leakageEnergy_J).toBeCloseTo(10e-6, 15);
    expect(gate.residency_s()).toEqual({ on: 1e-3, off: 9e-3 });
  });
});

describe('wake cost per transition kind', () => {
  it('power-gated and retention wake through the switches (50 ns, 2 nJ); supply-off ramps the rail (300 µs, 5 µJ)', () => {
    for (const kind of ['power-gated', 'retention'] as const) {
      const { gate, ready } = gap(kind);
      expect(ready - 10 * MS).toBe(50_000);
      expect(gate.wakeUpEnergy_J).toBeCloseTo(2e-9, 18);
    }
    const { gate, ready } = gap('supply-off');
    expect(ready - 10 * MS).toBe(300 * US);
    expect(gate.wakeUpEnergy_J).toBeCloseTo(5e-6, 15);
  });

  it('a gap too short to repay the transition is not taken (each kind with its own cost)', () => {
    // supply-off saves 10 mW; its 5 µJ ramp needs a gap over 0.5 ms: 0.4 ms stays on, 0.6 ms goes off.
    const off = (gapMs: number): boolean => new PowerGate(powerGateConfig(params('supply-off'), 10e-3, false)).sleep(0, 0, gapMs * MS);
    expect(off(0.4)).toBe(false);
    expect(off(0.6)).toBe(true);
    // power-gated saves 9.6 mW; its 2 nJ wake needs a gap over 208.3 ns.
    const gated = (ns: number): boolean => new PowerGate(powerGateConfig(params('power-gated'), 10e-3, false)).sleep(0, 0, ns * 1000);
    expect(gated(208)).toBe(false);
    expect(gated(209)).toBe(true);
  });
});

describe('contents: retention keeps them, supply-off loses them unless non-volatile', () => {
  const sram = (powerDomain: DomainKind): SramBuffer => new SramBuffer({ ...defaultsOf<SramParams>(sramSpec), powerDomain });
  it('SRAM: retention keeps its data, power-gated and supply-off lose it (activations would have to be rewritten)', () => {
    for (const [kind, kept] of [['retention', true], ['power-gated', false], ['supply-off', false], ['always-on', true]] as const) {
      const s = sram(kind);
      s.sleep(0, 10 * MS);
      s.wake(10 * MS);
      expect(s.contentsValid, kind).toBe(kept);
    }
  });

  it('eNVM: supply-off keeps the weights (non-volatile), so nothing is reloaded', () => {
    const a = new EnvmArray(envmParams({ powerDomain: 'supply-off' }), new Map([[1, 8 * REF_CELLS]]));
    a.sleep(0, 10 * MS);
    expect(a.isGated).toBe(true);
    a.wake(10 * MS);
    expect(a.contentsValid).toBe(true);
  });

  it('SRAM in retention pays 10 % of its leakage (the cited default) over the gap', () => {
    const s = sram('retention');
    s.sleep(0, 10 * MS);
    s.advanceTo(10 * MS);
    // 56.35 mW × 0.1 × 10 ms = 56.35 µJ
    expect(s.stateEnergy_J().retention).toBeCloseTo(56.35e-6, 12);
    expect(POWER_DOMAIN_DEFAULTS.retentionLeakageFraction).toBe(0.1);
  });
});

describe('always-on control domain', () => {
  it('draws NVDLA control + PMU + timer whatever the others do: (5 mW + 10 µW + 1 µW) × 2 s', () => {
    const c = new ControlDomain({ pmuPower_uW: 10, wakeTimerPower_uW: 1 }, 5);
    c.sleep();
    expect(c.wake(7)).toBe(7);
    c.advanceTo(2 * 1e12);
    const e = c.energy_J();
    expect(e.nvdla_control).toBeCloseTo(10e-3, 12);
    expect(e.pmu).toBeCloseTo(20e-6, 15);
    expect(e.wake_timer).toBeCloseTo(2e-6, 15);
    expect(c.stateEnergy_J().on).toBeCloseTo(10.022e-3, 12);
    expect(c.residency_s()).toEqual({ on: 2 });
  });
});
