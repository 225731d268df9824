import { describe, expect, it } from 'vitest';
import { defaultsOf } from '../../../src/engine/spec.js';
import { Lpddr4Channel } from '../../../src/hw/dram/channel.js';
import { Cmd } from '../../../src/hw/dram/commands.js';
import { dramSpec, type DramParams } from '../../../src/hw/dram/spec.js';

/**
 * Hand-computed energies of small command sequences with the reference
 * LPDDR4-3200 figures (reference/lpddr4-3200.json): V = 1.8 / 1.1 / 1.1 V,
 * tCK 0.625 ns, currents per rail (VDD1, VDD2, VDDQ) in mA.
 *
 * Core powers (VDD1 + VDD2), mW:
 *   IDD3N 1.8×2.25 + 1.1×30 = 37.05    IDD2N 1.8×2 + 1.1×27 = 33.3
 *   IDD3P 1.8×1.2 + 1.1×9 = 12.06      IDD2P 1.8×1.2 + 1.1×3 = 5.46
 *   IDD6  1.8×0.3 + 1.1×0.5 = 1.09
 * Per command, core:
 *   E_ACT = [1.8×(3.5−2.25) + 1.1×(45−30)] × 68 × 0.625 ns = 18.75 mW × 42.5 ns = 796.875 pJ
 *   E_PRE = [1.8×(3.5−2.0) + 1.1×(45−27)] × 29 × 0.625 = 22.5 × 18.125 = 407.8125 pJ
 *   E_RD  = [1.8×0 + 1.1×(275−30)] × 8 × 0.625 = 269.5 × 5 = 1347.5 pJ
 *   E_WR  = 1.1×(210−30) × 5 = 990 pJ
 *   E_REF = [1.8×(10−2.25) + 1.1×(90−30)] × 448 × 0.625 = 79.95 × 280 = 22386 pJ
 * The VDDQ currents are not used (the interface energy has its own tests,
 * interface-energy.test.ts).
 */

const ref = defaultsOf<DramParams>(dramSpec);
const pJ = 1e-12;
const cyc = 0.625; // ns

describe('energy of command sequences (hand-computed)', () => {
  it('ACT, RD, PRE then idle: every term', () => {
    const ch = new Lpddr4Channel(ref);
    ch.issue(Cmd.ACT, 0, 3, 0, 0);
    ch.issue(Cmd.RD, 0, 3, 0, 29);
    ch.issue(Cmd.PRE, 0, 0, 0, 68);
    ch.accrueTo(100);
    const e = ch.energy_J();
    expect(e.act).toBeCloseTo(796.875 * pJ, 18);
    expect(e.read).toBeCloseTo(1347.5 * pJ, 18);
    expect(e.pre).toBeCloseTo(407.8125 * pJ, 18);
    expect(e.write).toBe(0);
    expect(e.refresh).toBe(0);
    // Active standby 0..68: 37.05 mW × 68 × 0.625 ns = 1574.625 pJ; precharge standby
    // 68..100: 33.3 × 32 × 0.625 = 666 pJ.
    expect(e.background).toBeCloseTo((1574.625 + 666) * pJ, 18);
  });

  it('ACT, WR, PRE, REF: write recovery and a refresh', () => {
    const ch = new Lpddr4Channel(ref);
    ch.issue(Cmd.ACT, 1, 0, 0, 0);
    ch.issue(Cmd.WR, 1, 0, 0, 29);
    ch.issue(Cmd.PRE, 1, 0, 0, 81); // 29 + WL 14 + 8 + 1 + tWR 29
    ch.issue(Cmd.REF, 0, 0, 0, 110); // 81 + tRPpb 29
    ch.accrueTo(558); // refresh ends at 110 + 448
    const e = ch.energy_J();
    expect(e.write).toBeCloseTo(990 * pJ, 18);
    expect(e.refresh).toBeCloseTo(22386 * pJ, 18);
    // Active 0..81 and 110..558 (the refresh window): 529 × 37.05 × 0.625 = 12249.65625 pJ;
    // precharge standby 81..110: 29 × 33.3 × 0.625 = 603.5625 pJ.
    expect(e.background).toBeCloseTo((12249.65625 + 603.5625) * pJ, 18);
  });

  it('power-down and self-refresh background', () => {
    const ch = new Lpddr4Channel(ref);
    ch.issue(Cmd.PDE, 0, 0, 0, 0);
    ch.issue(Cmd.PDX, 0, 0, 0, 1000);
    ch.issue(Cmd.SREFEN, 0, 0, 0, 1012);
    ch.issue(Cmd.SREFEX, 0, 0, 0, 3000);
    ch.accrueTo(3460);
    const e = ch.energy_J();
    // Precharge power-down 1000 × 5.46 × 0.625 = 3412.5; standby 0 + 12 cycles after PDX
    // and 460 after SREFEX: 472 × 33.3 × 0.625 = 9823.5; the refresh at self-refresh
    // entry 448 × 37.05 × 0.625 = 10374; self-refresh 1460..3000: 1540 × 1.09 × 0.625 = 1049.125.
    expect(e.background).toBeCloseTo((3412.5 + 9823.5 + 10374 + 1049.125) * pJ, 18);
    expect(e.refresh).toBeCloseTo(22386 * pJ, 18);
    const bg = ch.energyModel.backgroundByState(ch.activity);
    expect(bg.precharge_power_down).toBeCloseTo(3412.5 * pJ, 18);
    expect(bg.self_refresh).toBeCloseTo(1049.125 * pJ, 18);
  });

  it('earlier DRAMPower LPDDR4 bank-wise background (rho = 0.5, one-bank-IDD3N) with two banks open', () => {
    const old = { ...ref, activeBackgroundRho: 0.5, activeBackgroundForm: 'one-bank-IDD3N' } as const;
    const ch = new Lpddr4Channel(old);
    ch.issue(Cmd.ACT, 0, 0, 0, 0);
    ch.issue(Cmd.ACT, 1, 0, 0, 16);
    ch.accrueTo(116);
    // I_rho = IDD2N + 0.5 (IDD3N − IDD2N): VDD1 2.125 mA, VDD2 28.5 mA → 1.8×2.125 + 1.1×28.5 = 35.175 mW.
    // (IDD3N − I_rho): VDD1 0.125, VDD2 1.5 → 1.8×0.125 + 1.1×1.5 = 1.875 mW, per open bank.
    // 116 cycles with a bank open, bank-cycles 116 + 100 = 216:
    // 35.175 × 116 × 0.625 + 1.875 × 216 × 0.625 = 2550.1875 + 253.125 pJ.
    expect(ch.energy_J().background).toBeCloseTo((2550.1875 + 253.125) * pJ, 18);
    // With one bank open for the whole time it equals IDD3N (37.05 mW): rho only
    // redistributes between one and many open banks.
    const one = new Lpddr4Channel(old);
    one.issue(Cmd.ACT, 0, 0, 0, 0);
    one.accrueTo(100);
    expect(one.energy_J().background).toBeCloseTo(37.05 * 100 * cyc * pJ, 18);
    // E_ACT with IDD3N (796.875 pJ); E_REF = V·(IDD5 − (I_rho + 8·(IDD3N − I_rho))):
    // VDD1 10 − 3.125, VDD2 90 − 40.5 → (1.8×6.875 + 1.1×49.5) × 448 × 0.625 = 66.825 × 280 = 18711 pJ.
    expect(one.energy_J().act).toBeCloseTo(796.875 * pJ, 18);
    const r = new Lpddr4Channel(old);
    r.issue(Cmd.REF, 0, 0, 0, 0);
    expect(r.energy_J().refresh).toBeCloseTo(18711 * pJ, 18);
  });

  it('DRAMPower 6.2 background (rho = 0.5, all-banks-IDD3N, the default form)', () => {
    const p = { ...ref, activeBackgroundRho: 0.5 };
    expect(p.activeBackgroundForm).toBe('all-banks-IDD3N');
    const ch = new Lpddr4Channel(p);
    ch.issue(Cmd.ACT, 0, 0, 0, 0);
    ch.issue(Cmd.ACT, 1, 0, 0, 16);
    ch.accrueTo(116);
    // I_rho 35.175 mW as above; each open bank adds (IDD3N − I_rho)/8 = 1.875/8 = 0.234375 mW:
    // 35.175 × 116 × 0.625 + 0.234375 × 216 × 0.625 = 2550.1875 + 31.640625 pJ.
    expect(ch.energy_J().background).toBeCloseTo((2550.1875 + 31.640625) * pJ, 18);
    // E_ACT = V·(IDD0 − I_1), I_1 = I_rho + (IDD3N − I_rho)/8: VDD1 2.140625, VDD2 28.6875 mA →
    // (1.8×1.359375 + 1.1×16.3125) × 68 × 0.625 = 20.390625 × 42.5 = 866.6015625 pJ (two ACTs).
    expect(ch.energy_J().act).toBeCloseTo(2 * 866.6015625 * pJ, 18);
    // All eight banks open draw exactly IDD3N (37.05 mW), as JESD209-4 measures it.
    const all = new Lpddr4Channel(p, { checkTiming: false });
    for (let b = 0; b < 8; b++) all.issue(Cmd.ACT, b, 0, 0, 0);
    all.accrueTo(100);
    expect(all.energy_J().background).toBeCloseTo(37.05 * 100 * cyc * pJ, 18);
    // E_REF = V·(IDD5 − IDD3N)·tRFCab = 22386 pJ, as with rho = 1.
    const r = new Lpddr4Channel(p);
    r.issue(Cmd.REF, 0, 0, 0, 0);
    expect(r.energy_J().refresh).toBeCloseTo(22386 * pJ, 18);
  });
});
