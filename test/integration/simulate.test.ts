import { describe, expect, test } from 'vitest';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { withDramIdlePolicy } from '../../src/config/arch-config.js';
import { dramSpec } from '../../src/hw/dram/spec.js';
import { defaultsOf } from '../../src/engine/spec.js';
import type { DramParams } from '../../src/hw/dram/spec.js';
import { resultSchema } from '../../src/report/result-schema.js';
import { simulate } from '../../src/system/simulate.js';
import { readFileSync } from 'node:fs';
import { buildSystem } from '../../src/system/build.js';
import { runInference } from '../../src/system/inference.js';
import { loadTrace } from '../../src/workload/load-trace.js';
import { arch, archFrom, tinyTrace } from './helpers.js';

const TINY_SYSTEM = 'test/fixtures/tiny-lpddr4-1ch.json';

describe('simulate on a tiny trace', () => {
  test('the result validates against the published result schema, for a DRAM and an eNVM system', () => {
    const validate = new Ajv2020({ strict: false }).compile(resultSchema);
    for (const file of [TINY_SYSTEM, 'arch-configs/maxnvm-rram-3bpc-bitmask-ecc-idxsync.json']) {
      const r = simulate(arch(file), tinyTrace(), { fps: [1, 1e6], frames: 3, seed: 1 });
      expect(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors)).toBe(true);
    }
  });

  test('ResNet-50 results (Winograd layers, fused adds, compressed and dense layers) validate against the schema too', () => {
    const validate = new Ajv2020({ strict: false }).compile(resultSchema);
    // The hardware's best case uses Winograd and fuses the adds; the released software's default does neither.
    const data = JSON.parse(readFileSync('arch-configs/nvdla-full-lpddr4.json', 'utf8')) as { nvdla: Record<string, unknown> };
    const best = archFrom({ ...data, nvdla: { ...data.nvdla, software: 'hardware-limit' } });
    const r = simulate(best, loadTrace('traces/resnet50-v1.5.json'), { fps: [30], frames: 2, seed: 1 });
    expect(validate(JSON.parse(JSON.stringify(r))), JSON.stringify(validate.errors)).toBe(true);
    if (!r.feasible) throw new Error('must fit');
    const winograd = r.layers.filter((l) => l.effectiveMacUtilization > 1);
    expect(winograd.length).toBeGreaterThan(0); // the 3×3 stride-1 layers
    for (const l of winograd) expect(l.macUtilization).toBeLessThanOrEqual(1);
  });

  test('same inputs and seed give identical results', () => {
    const a = simulate(arch(TINY_SYSTEM), tinyTrace(), { fps: [10], frames: 3, seed: 7 });
    const b = simulate(arch(TINY_SYSTEM), tinyTrace(), { fps: [10], frames: 3, seed: 7 });
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
  });

  test('a rate above the maximum is reported infeasible with the reason, never as a number', () => {
    const r = simulate(arch(TINY_SYSTEM), tinyTrace(), { fps: [1e7], frames: 3, seed: 1 });
    if (!r.feasible) throw new Error('tiny trace must fit');
    const p = r.points[0]!;
    expect(p.feasible).toBe(false);
    if (p.feasible) return;
    expect(p.reason).toMatch(/^infeasible at 10000000 fps: one inference takes \d+\.\d+ (ns|µs) but the frame period is 100\.0 ns; the highest sustainable rate is about [\d.e+]+ fps$/);
    expect(p).not.toHaveProperty('power_W');
  });

  test('hand-computed power at 0.01 fps: idle DRAM power dominates, per policy', () => {
    // One x16 channel with the reference currents (reference/lpddr4-3200.json). NVDLA is power-gated between
    // frames, so at 0.01 fps (100 s period) the average power is the DRAM's idle power plus the constant powers
    // of the always-on control and the gated core, plus (energy of one inference, a few µJ) / 100 s.
    const d = defaultsOf<DramParams>(dramSpec);
    const mW = (state: 'idd2n' | 'idd2p' | 'idd6' | 'idd3n'): number =>
      d.vdd1_V * d[`${state}_vdd1_mA`] + d.vdd2_V * d[`${state}_vdd2_mA`];
    // Refresh adds E_REF = Σ V (IDD5 − IDD2N)… per tREFI in standby; DRAMPower's LPDDR4 equation charges
    // (IDD5 − IDD3N) over tRFCab plus the background current of the state it runs in.
    const tCK = d.tCK_ns * 1e-9;
    const refPower_mW =
      ((d.vdd1_V * (d.idd5_vdd1_mA - d.idd3n_vdd1_mA) + d.vdd2_V * (d.idd5_vdd2_mA - d.idd3n_vdd2_mA)) * d.tRFCab_cycles * tCK) /
      (d.tREFI_cycles * tCK);
    // Interface: the running clock pair, one line high (VDDQ·VOH/R_ODT = 1.1 × 0.36667 / 48 = 8.4028 mW) and two
    // rises per cycle (2 × 1.21 pJ × 1.6 GHz = 3.872 mW): 12.2748 mW while CKE is high, stopped while it is low.
    // A REF command per tREFI: 2 CA cycles × 6 lines, half high (5.2517 pJ each) and a quarter rising (1.21 pJ),
    // and CS high for one cycle: (12 × 0.5 × 5.2517 + 12 × 0.25 × 1.21 + 5.2517 + 1.21) pJ / 3.904 µs.
    const voh = d.ioVohFraction * d.vddq_V;
    const ck_mW = ((d.vddq_V * voh) / d.ioOdt_ohm) * 1e3 + 2 * d.ioLineCapacitance_pF * voh * d.vddq_V * (1e-9 / tCK);
    expect(ck_mW).toBeCloseTo(12.2748, 4);
    const caRef_mW = ((12 * 0.5 * 5.2517361 + 12 * 0.25 * 1.21 + 5.2517361 + 1.21) * 1e-12) / (d.tREFI_cycles * tCK) * 1e3;
    const ckShare = (cycles: number): number => (ck_mW * cycles) / d.tREFI_cycles;
    // standby: IDD2N = 1.8×2.0 + 1.1×27 = 33.3 mW, plus refresh ≈ 6.9 mW, plus the clock.
    expect(mW('idd2n')).toBeCloseTo(33.3, 9);
    const expected: Record<string, [number, number]> = {
      // [low, high] in mW: refresh current runs on top of the background, which during tRFC is IDD2N or IDD3N
      // depending on how the refresh's bank state is counted, so the band spans both (≈ 3 % wide).
      standby: [
        mW('idd2n') + refPower_mW + ck_mW + caRef_mW,
        mW('idd2n') + refPower_mW + ((mW('idd3n') - mW('idd2n')) * d.tRFCab_cycles) / d.tREFI_cycles + ck_mW + caRef_mW,
      ],
      // power-down: IDD2P = 1.8×1.2 + 1.1×3.0 = 5.46 mW, refresh on top (exit, REF, re-entry).
      // Each refresh leaves power-down: during tRFC the background is at least IDD2N (banks precharged) and at
      // most IDD3N, and exit/entry (tXP, tCKE) add at most IDD3N over their cycles; the clock runs for the same cycles.
      'power-down': [
        mW('idd2p') + refPower_mW + ((mW('idd2n') - mW('idd2p')) * d.tRFCab_cycles) / d.tREFI_cycles + ckShare(d.tRFCab_cycles) + caRef_mW,
        mW('idd2p') +
          refPower_mW +
          ((mW('idd3n') - mW('idd2p')) * (d.tRFCab_cycles + d.tXP_cycles + d.tCKE_cycles)) / d.tREFI_cycles +
          ckShare(d.tRFCab_cycles + d.tXP_cycles + d.tCKE_cycles) +
          caRef_mW,
      ],
      // self-refresh: IDD6 = 1.8×0.3 + 1.1×0.5 = 1.09 mW, the device refreshes itself within IDD6; the clock stops.
      'self-refresh': [mW('idd6') * 0.99, mW('idd6') * 1.01 + 0.01],
    };
    expect(mW('idd2p')).toBeCloseTo(5.46, 9);
    expect(mW('idd6')).toBeCloseTo(1.09, 9);
    for (const [policy, [lo, hi]] of Object.entries(expected)) {
      const cfg = withDramIdlePolicy(arch(TINY_SYSTEM), policy as DramParams['idlePolicy']);
      const r = simulate(cfg, tinyTrace(), { fps: [0.01], frames: 2, seed: 1 });
      if (!r.feasible || !r.points[0]!.feasible) throw new Error('must be feasible');
      // Less the inference's own share (its few µJ over the 100 s period), the always-on control domain (NVDLA
      // control, PMU, wake-up timer) and the gated core's residual leakage, all constant powers of the config.
      const n = cfg.nvdla;
      const alwaysOn_mW = n.controlLeakage_mW + (cfg.controlDomain.pmuPower_uW + cfg.controlDomain.wakeTimerPower_uW) * 1e-3;
      const coreGated_mW = n.gatedLeakageFraction * (n.leakage_mW - n.controlLeakage_mW);
      const p_mW = r.points[0]!.power_W * 1e3 - (r.inference.energy_J / 100) * 1e3 - alwaysOn_mW - coreGated_mW;
      expect(p_mW, policy).toBeGreaterThanOrEqual(lo);
      expect(p_mW, policy).toBeLessThanOrEqual(hi);
    }
  });

  test('best is never worse than any fixed DRAM policy, at any rate', () => {
    const rates = [0.05, 0.5, 2, 20, 200, 2000];
    const power = (policy: DramParams['idlePolicy']): number[] => {
      const r = simulate(withDramIdlePolicy(arch(TINY_SYSTEM), policy), tinyTrace(), { fps: rates, frames: 3, seed: 1 });
      if (!r.feasible) throw new Error('must fit');
      return r.points.map((p) => (p.feasible ? p.power_W : Infinity));
    };
    const best = power('best');
    for (const policy of ['standby', 'power-down', 'self-refresh', 'off'] as const) {
      const fixed = power(policy);
      fixed.forEach((p, i) => expect(best[i]!, `${policy} at ${rates[i]} fps`).toBeLessThanOrEqual(p * (1 + 1e-9)));
    }
  });

  test('background energy per power state adds up to each device\'s background terms, and residency to the period', () => {
    const r = simulate(withDramIdlePolicy(arch(TINY_SYSTEM), 'power-down'), tinyTrace(), { fps: [50], frames: 3, seed: 1 });
    if (!r.feasible || !r.points[0]!.feasible) throw new Error('must be feasible');
    const p = r.points[0]!;
    const sum = (o: Record<string, number> | undefined): number => Object.values(o ?? {}).reduce((a, b) => a + b, 0);
    expect(sum(p.stateEnergy_J.dram)).toBeCloseTo(p.energyByTerm_J.dram!.background!, 15);
    expect(sum(p.stateEnergy_J.nvdla)).toBeCloseTo(p.energyByTerm_J.nvdla!.leakage!, 15);
    for (const device of ['dram', 'nvdla']) expect(sum(p.residency_s[device])).toBeCloseTo(p.period_s, 12);
  });

  test('eNVM gating between layers: gated during a layer that reads no weights, woken by the next read', () => {
    const base = JSON.parse(readFileSync('arch-configs/maxnvm-rram-3bpc-csr4-ecc-idxsync.json', 'utf8')) as Record<string, Record<string, unknown>>;
    const run = (gate: boolean) => {
      const cfg = archFrom({ ...base, nvdla: { build: 'nv_full', fuseEltwise: false }, envm: { ...base.envm, gateBetweenLayers: gate } });
      const sys = buildSystem(cfg, tinyTrace(), { seed: 1 });
      runInference(sys, () => {});
      sys.sim.run();
      return sys.stats.snapshot(sys.sim.now);
    };
    const on = run(true);
    const off = run(false);
    // tiny-conv: conv_a, conv_b, then the add (unfused here), which reads no weights.
    expect(on.residency_s.envm!.gated).toBeGreaterThan(0);
    expect(off.residency_s.envm!.gated).toBe(0);
    expect(on.energy_J.envm!.leakage).toBeLessThan(off.energy_J.envm!.leakage!);
  });

  test('power rises and energy per inference falls with frame rate (fixed policy)', () => {
    const rates = [0.1, 1, 10, 100, 1000];
    const r = simulate(arch(TINY_SYSTEM), tinyTrace(), { fps: rates, frames: 3, seed: 1 });
    if (!r.feasible) throw new Error('must fit');
    const pts = r.points.map((p) => (p.feasible ? p : undefined));
    for (let i = 1; i < pts.length; i++) {
      expect(pts[i]!.power_W).toBeGreaterThan(pts[i - 1]!.power_W);
      expect(pts[i]!.energy_J).toBeLessThan(pts[i - 1]!.energy_J);
    }
  });
});
