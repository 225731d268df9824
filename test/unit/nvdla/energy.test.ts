import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/event-queue.js';
import { NvdlaCore } from '../../../src/hw/nvdla/core.js';
import { MemoryWeightSource } from '../../../src/hw/nvdla/weight-source.js';
import { conv, idealMemory, idealParams, runLayer } from './helpers.js';

/** Round figures so the arithmetic below is easy to follow. */
const prices = {
  macEnergy_pJ: 0.2,
  cbufReadEnergy_pJ_per_B: 0.1,
  cbufWriteEnergy_pJ_per_B: 0.15,
  sdpEnergy_pJ_per_element: 3,
  pdpEnergy_pJ_per_element: 0.5,
  leakage_mW: 20,
  controlLeakage_mW: 0,
};

describe('NVDLA energy', () => {
  it('energy of a small layer, by hand', () => {
    // 1×1 conv C = 64, K = 32, 4×4 output: 64 cycles (see conv-cycles.test.ts).
    // MACs 16·64·32 = 32768 → 32768 · 0.2 pJ = 6553.6 pJ.
    // CBUF reads: 16 atomic ops × 64 B feature atoms + 1 stripe × 32 kernels × 64 B weights = 1024 + 2048 = 3072 B
    //   → 307.2 pJ. CBUF writes: input 1024 B + weights 2048 B = 3072 B → 460.8 pJ.
    // SDP: 512 outputs × 3 pJ = 1536 pJ. Leakage: 20 mW × 64 ns = 1280 pJ. Total 6553.6 + 307.2 + 460.8 + 1536 + 1280 = 10137.6 pJ.
    const { result } = runLayer(idealParams('nv_full', prices), conv({ H: 4, W: 4, C: 64, K: 32 }));
    const e = result.energy_J;
    expect(e.mac).toBeCloseTo(6553.6e-12, 20);
    expect(e.cbuf_read).toBeCloseTo(307.2e-12, 20);
    expect(e.cbuf_write).toBeCloseTo(460.8e-12, 20);
    expect(e.sdp).toBeCloseTo(1536e-12, 20);
    expect(e.pdp).toBe(0);
    expect(e.leakage).toBeCloseTo(1280e-12, 20);
    expect(result.totalEnergy_J).toBeCloseTo(10137.6e-12, 20);
  });

  it('Winograd charges the multiplies it performs (2.25x fewer)', () => {
    const layer = conv({ H: 8, W: 8, C: 64, K: 32, R: 3, pad: 1 });
    const wino = runLayer(idealParams('nv_full', prices), layer).result;
    // 64 positions · 32 · 64 · 9 = 1,179,648 MACs; 1,179,648 / 2.25 = 524,288 multiplies × 0.2 pJ.
    expect(wino.energy_J.mac).toBeCloseTo(524_288 * 0.2e-12, 20);
  });

  it('the core accounts leakage over all time and dynamic energy per finished layer', () => {
    const p = idealParams('nv_full', prices);
    const sim = new Simulator();
    const core = new NvdlaCore(p, sim);
    const layer = conv({ H: 4, W: 4, C: 64, K: 32 });
    const mem = idealMemory();
    const io = { weights: new MemoryWeightSource(mem, [layer]), features: mem, addressOf: () => 0 };
    expect(Object.keys(core.energy_J()).sort()).toEqual(['cbuf_read', 'cbuf_write', 'leakage', 'mac', 'pdp', 'sdp', 'wakeup']);
    core.runLayer(layer, 0, io, () => {});
    sim.run();
    core.advanceTo(1_000_000); // 1 µs × 20 mW = 20 nJ
    const e = core.energy_J();
    expect(e.leakage).toBeCloseTo(20e-9, 20);
    expect(e.mac).toBeCloseTo(6553.6e-12, 20);
    core.advanceTo(1_000_000); // idempotent
    expect(core.energy_J().leakage).toBeCloseTo(20e-9, 20);
  });

  it('power gating: the core domain (leakage less its always-on control) keeps 5 % while gated, one wake-up energy and latency per wake', () => {
    const p = { ...idealParams('nv_full', prices), controlLeakage_mW: 5, powerDomain: 'power-gated' as const, gatedLeakageFraction: 0.05, wakeUp_ns: 100, wakeUpEnergy_pJ: 1000 };
    const core = new NvdlaCore(p, new Simulator());
    core.sleep(1_000_000, 3_000_000); // gated from 1 µs; 2 µs × 0.95 × 15 mW = 28.5 nJ saved > 1 nJ wake-up
    expect(core.wake(3_000_000)).toBe(3_100_000); // ready 100 ns after the wake request
    core.advanceTo(4_000_000);
    // The core's domain leaks 20 − 5 = 15 mW (the 5 mW control is the always-on domain's):
    // on for [0, 1 µs) and [3 µs, 4 µs): 2 µs × 15 mW = 30 nJ; gated 2 µs × 0.75 mW = 1.5 nJ; one wake-up of 1 nJ.
    expect(core.energy_J().leakage).toBeCloseTo(31.5e-9, 20);
    expect(core.energy_J().wakeup).toBeCloseTo(1e-9, 20);
    expect(core.residency_s()).toEqual({ on: 2e-6, gated: 2e-6 });
    // A gap too short to repay the wake-up energy is not gated: 10 ns × 14.25 mW = 0.14 nJ < 1 nJ.
    core.sleep(4_000_000, 4_010_000);
    expect(core.wake(4_010_000)).toBe(4_010_000);
  });

  it('refuses a second layer while one runs', () => {
    const sim = new Simulator();
    const core = new NvdlaCore(idealParams(), sim);
    const layer = conv({ H: 4, W: 4, C: 64, K: 32 });
    const mem = idealMemory();
    const io = { weights: new MemoryWeightSource(mem, [layer]), features: mem, addressOf: () => 0 };
    core.runLayer(layer, 0, io, () => {});
    expect(() => core.runLayer(layer, 0, io, () => {})).toThrow(/while another layer runs/);
  });
});
