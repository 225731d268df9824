import { describe, expect, it } from 'vitest';
import { Lpddr4Channel } from '../../../src/hw/dram/channel.js';
import { Cmd } from '../../../src/hw/dram/commands.js';
import { refParams } from './helpers.js';

/**
 * Interface (VDDQ) energy of small command sequences, hand-computed from the
 * reference values (reference/lpddr4-interface.json): VDDQ 1.1 V, VOH = VDDQ/3,
 * ODT 48 Ω to VSSQ, 3 pF per line, tCK 0.625 ns, x16, BL16.
 *   current while a line is high: VOH / R = 0.36667 V / 48 Ω = 7.6389 mA
 *   supply power while high:      1.1 V × 7.6389 mA = 8.402778 mW
 *   one data bit-time high (tCK/2 = 0.3125 ns): 2.6258681 pJ
 *   one CA/CK bit-time high (tCK = 0.625 ns):   5.2517361 pJ
 *   one 0→1 transition: 3 pF × 0.36667 V × 1.1 V = 1.21 pJ
 * LVSTL lines are terminated to VSSQ: a line driven low draws no current.
 */

const pJ = 1e-12;
const DATA_HIGH = 2.6258681; // pJ
const CLOCK_HIGH = 5.2517361; // pJ
const TOGGLE = 1.21; // pJ

function readBurst(over = {}): Lpddr4Channel {
  const ch = new Lpddr4Channel(refParams(over));
  ch.issue(Cmd.ACT, 0, 0, 0, 0);
  ch.issue(Cmd.RD, 0, 0, 0, 29);
  ch.issue(Cmd.PRE, 0, 0, 0, 68);
  ch.accrueTo(100);
  return ch;
}

describe('LPDDR4 interface energy (hand-computed bursts)', () => {
  it('per-line constants: a data bit-time high, a clock bit-time high, one 0→1 transition', () => {
    const m = new Lpddr4Channel(refParams()).energyModel.interface;
    expect(m.highBitEnergy_J(0.3125e-9)).toBeCloseTo(DATA_HIGH * pJ, 18);
    expect(m.highBitEnergy_J(0.625e-9)).toBeCloseTo(CLOCK_HIGH * pJ, 18);
    expect(m.toggleEnergy_J()).toBeCloseTo(TOGGLE * pJ, 18);
  });

  it('one RD burst (BL16, x16): DQ and DQS energy, DBI off', () => {
    const ch = readBurst();
    const lines = ch.energyModel.interface.byLine(ch.activity);
    // DQ: 16 lines × 16 beats, half high: 128 × 2.6258681 = 336.11111 pJ;
    // toggle rate 0.5 → 0.25 rises per line per beat: 64 × 1.21 = 77.44 pJ.
    expect(lines.dq.termination_J).toBeCloseTo(336.11111 * pJ, 16);
    expect(lines.dq.switching_J).toBeCloseTo(77.44 * pJ, 16);
    // DQS: 2 differential pairs, one line of each high every beat: 32 × 2.6258681 = 84.02778 pJ;
    // each of the 4 lines rises once per clock (8 clocks): 32 × 1.21 = 38.72 pJ.
    expect(lines.dqs.termination_J).toBeCloseTo(84.02778 * pJ, 16);
    expect(lines.dqs.switching_J).toBeCloseTo(38.72 * pJ, 16);
    expect(lines.dbi.termination_J + lines.dbi.switching_J).toBe(0);
    // Data lines per bit moved: (336.11111 + 77.44 + 84.02778 + 38.72) / 256 = 2.09491 pJ/bit.
    const perBit = (lines.dq.termination_J + lines.dq.switching_J + lines.dqs.termination_J + lines.dqs.switching_J) / 256;
    expect(perBit).toBeCloseTo(2.09491 * pJ, 16);
  });

  it('DBI on adds two lines with the data activity; all-zero data costs only DQS', () => {
    const dbi = readBurst({ ioDbi: true });
    const l = dbi.energyModel.interface.byLine(dbi.activity);
    // 2 lines × 16 beats × 0.5 high = 16 × 2.6258681 = 42.01389 pJ; 8 rises × 1.21 = 9.68 pJ.
    expect(l.dbi.termination_J).toBeCloseTo(42.01389 * pJ, 16);
    expect(l.dbi.switching_J).toBeCloseTo(9.68 * pJ, 16);
    const zeros = readBurst({ ioDataOnesFraction: 0, ioDataToggleRate: 0 });
    const z = zeros.energyModel.interface.byLine(zeros.activity);
    expect(z.dq.termination_J + z.dq.switching_J).toBe(0);
    expect(z.dqs.termination_J).toBeCloseTo(84.02778 * pJ, 16);
  });

  it('CA and CS: ACT (4 cycles) + RD (4) + PRE (2) = 10 command cycles', () => {
    const ch = readBurst();
    const l = ch.energyModel.interface.byLine(ch.activity);
    // CA: 6 lines × 10 cycles, half high: 30 × 5.2517361 = 157.55208 pJ; 15 rises × 1.21 = 18.15 pJ.
    expect(l.ca.termination_J).toBeCloseTo(157.55208 * pJ, 16);
    expect(l.ca.switching_J).toBeCloseTo(18.15 * pJ, 16);
    // CS: high in the first cycle of each of the 5 two-cycle command words.
    expect(l.cs.termination_J).toBeCloseTo(5 * CLOCK_HIGH * pJ, 16);
    expect(l.cs.switching_J).toBeCloseTo(5 * TOGGLE * pJ, 16);
  });

  it('CK runs in standby: 100 cycles, one line of the pair high, both lines rise each cycle', () => {
    const ch = readBurst();
    const l = ch.energyModel.interface.byLine(ch.activity);
    expect(l.ck.termination_J).toBeCloseTo(525.17361 * pJ, 15);
    expect(l.ck.switching_J).toBeCloseTo(242 * pJ, 15);
    const e = ch.energy_J();
    const sum = 336.11111 + 84.02778 + 157.55208 + 5 * CLOCK_HIGH + 525.17361;
    expect(e.io_termination).toBeCloseTo(sum * pJ, 15);
    expect(e.io_switching).toBeCloseTo((77.44 + 38.72 + 18.15 + 5 * TOGGLE + 242) * pJ, 15);
  });
});

describe('CK stopped while CKE is low (boundary)', () => {
  /** PDE at 0, PDX at 1000, ready after tXP = 12: 1000 cycles of power-down, 12 of standby. */
  function powerDown(stop: boolean): Lpddr4Channel {
    const ch = new Lpddr4Channel(refParams({ ioClockStopWhileCkeLow: stop }));
    ch.issue(Cmd.PDE, 0, 0, 0, 0);
    ch.issue(Cmd.PDX, 0, 0, 0, 1000);
    ch.accrueTo(1012);
    return ch;
  }

  it('power-down: the clock runs only the 12 standby cycles after exit', () => {
    const ch = powerDown(true);
    expect(ch.activity.prechargePowerDown_cycles).toBe(1000);
    const ck = ch.energyModel.interface.byLine(ch.activity).ck;
    expect(ck.termination_J).toBeCloseTo(12 * CLOCK_HIGH * pJ, 16);
    expect(ck.switching_J).toBeCloseTo(24 * TOGGLE * pJ, 16);
    // Nothing else moves: PDE and PDX use CKE only.
    expect(ch.energy_J().io_termination).toBeCloseTo(12 * CLOCK_HIGH * pJ, 16);
  });

  it('without clock stop the clock runs through power-down (1012 cycles)', () => {
    const ch = powerDown(false);
    const ck = ch.energyModel.interface.byLine(ch.activity).ck;
    expect(ck.termination_J).toBeCloseTo(1012 * CLOCK_HIGH * pJ, 15);
    expect(ck.switching_J).toBeCloseTo(2024 * TOGGLE * pJ, 15);
  });

  it('self-refresh, including its entry refresh window, stops the clock; SRE and SRX are 2 CA cycles each', () => {
    const ch = new Lpddr4Channel(refParams());
    ch.issue(Cmd.SREFEN, 0, 0, 0, 0);
    ch.issue(Cmd.SREFEX, 0, 0, 0, 2000);
    ch.accrueTo(2460);
    // Refresh window 0..448 (CKE low), self-refresh 448..2000, standby 2000..2460 (tXSR).
    expect(ch.activity.selfRefreshEntryRefresh_cycles).toBe(448);
    const l = ch.energyModel.interface.byLine(ch.activity);
    expect(l.ck.termination_J).toBeCloseTo(460 * CLOCK_HIGH * pJ, 15);
    // CA: 4 cycles × 6 lines × 0.5 high; CS: 2 command words.
    expect(l.ca.termination_J).toBeCloseTo(12 * CLOCK_HIGH * pJ, 16);
    expect(l.cs.switching_J).toBeCloseTo(2 * TOGGLE * pJ, 16);
  });
});
