import { describe, expect, it } from 'vitest';
import { defaultsOf } from '../../../src/engine/spec.js';
import { Lpddr4Channel } from '../../../src/hw/dram/channel.js';
import { Cmd, type DramCmd } from '../../../src/hw/dram/commands.js';
import { dramSpec, type DramParams } from '../../../src/hw/dram/spec.js';
import type { TimingRule } from '../../../src/hw/dram/timing.js';
import { DramStateError, DramTimingError } from '../../../src/hw/dram/timing-rules.js';

/**
 * Boundary pairs for every timing rule with the reference LPDDR4-3200 timings
 * (reference/lpddr4-3200.json): tRCD 29, tRPpb 29, tRPab 34, tRAS 68, tRC 97,
 * tRFCab 448, tCKE 12, tXP 12, tSR 24, tXSR 460, tCCD 8, tRRD 16, tFAW 64,
 * tRTP 12, tWR 29, tWTR 16, RL 28, WL 14, BL16 (8 cycles of data). Each case
 * sets up commands so that the rule under test is the one that binds; one
 * cycle early is refused naming the rule, on time is accepted.
 */

const ref = defaultsOf<DramParams>(dramSpec);
type Setup = [DramCmd, number, number][]; // command, bank, cycle

interface Case {
  rule: TimingRule;
  why: string;
  params?: Partial<DramParams>;
  setup: Setup;
  cmd: DramCmd;
  bank: number;
  /** Hand-computed first legal cycle. */
  at: number;
}

const CASES: Case[] = [
  { rule: 'tRCD', why: 'ACT 0 → RD: 0 + tRCD 29', setup: [[Cmd.ACT, 0, 0]], cmd: Cmd.RD, bank: 0, at: 29 },
  { rule: 'tRCD', why: 'ACT 0 → WR: 0 + 29', setup: [[Cmd.ACT, 0, 0]], cmd: Cmd.WR, bank: 0, at: 29 },
  { rule: 'tRAS', why: 'ACT 0 → PRE: 0 + tRAS 68', setup: [[Cmd.ACT, 0, 0]], cmd: Cmd.PRE, bank: 0, at: 68 },
  { rule: 'tRP', why: 'PRE 100 → ACT: 100 + tRPpb 29 (tRC allows 97)', setup: [[Cmd.ACT, 0, 0], [Cmd.PRE, 0, 100]], cmd: Cmd.ACT, bank: 0, at: 129 },
  { rule: 'tRP', why: 'PRE 100 → REF: 100 + 29', setup: [[Cmd.ACT, 0, 0], [Cmd.PRE, 0, 100]], cmd: Cmd.REF, bank: 0, at: 129 },
  {
    rule: 'tRC',
    why: 'with tRCpb 110: ACT 0, PRE 68 → ACT: 0 + 110 (tRP allows 97)',
    params: { tRCpb_cycles: 110 },
    setup: [[Cmd.ACT, 0, 0], [Cmd.PRE, 0, 68]],
    cmd: Cmd.ACT,
    bank: 0,
    at: 110,
  },
  { rule: 'tRPab', why: 'PREA 68 → ACT bank 1: 68 + tRPab 34', setup: [[Cmd.ACT, 0, 0], [Cmd.PREA, 0, 68]], cmd: Cmd.ACT, bank: 1, at: 102 },
  { rule: 'tRPab', why: 'PREA 68 → REF: 68 + 34 (tRP allows 97)', setup: [[Cmd.ACT, 0, 0], [Cmd.PREA, 0, 68]], cmd: Cmd.REF, bank: 0, at: 102 },
  { rule: 'tRRD', why: 'ACT bank 0 at 0 → ACT bank 1: 0 + tRRD 16', setup: [[Cmd.ACT, 0, 0]], cmd: Cmd.ACT, bank: 1, at: 16 },
  {
    rule: 'tFAW',
    why: 'with tFAW 80: ACTs at 0, 16, 32, 48 → fifth ACT: 0 + 80 (tRRD allows 64)',
    params: { tFAW_cycles: 80 },
    setup: [[Cmd.ACT, 0, 0], [Cmd.ACT, 1, 16], [Cmd.ACT, 2, 32], [Cmd.ACT, 3, 48]],
    cmd: Cmd.ACT,
    bank: 4,
    at: 80,
  },
  {
    rule: 'tCCD',
    why: 'with tCCD 10: RD 29 → RD: 29 + 10 (the data bus allows 29 + 8)',
    params: { tCCD_cycles: 10 },
    setup: [[Cmd.ACT, 0, 0], [Cmd.RD, 0, 29]],
    cmd: Cmd.RD,
    bank: 0,
    at: 39,
  },
  {
    rule: 'tCCD',
    why: 'with tCCD 10: WR 29 → WR: 29 + 10',
    params: { tCCD_cycles: 10 },
    setup: [[Cmd.ACT, 0, 0], [Cmd.WR, 0, 29]],
    cmd: Cmd.WR,
    bank: 0,
    at: 39,
  },
  {
    rule: 'dataBus',
    why: 'RD 29 → WR: read data on the bus until 29 + RL 28 + 8 = 65; write data starts WL + 1 = 15 after WR: 50',
    setup: [[Cmd.ACT, 0, 0], [Cmd.RD, 0, 29]],
    cmd: Cmd.WR,
    bank: 0,
    at: 50,
  },
  {
    rule: 'tWTR',
    why: 'WR 29 → RD: 29 + WL 14 + BL/2 8 + 1 + tWTR 16 = 68',
    setup: [[Cmd.ACT, 0, 0], [Cmd.WR, 0, 29]],
    cmd: Cmd.RD,
    bank: 0,
    at: 68,
  },
  {
    rule: 'tRTP',
    why: 'RD 70 → PRE: 70 + BL/2 8 + max(8, tRTP 12) − 8 = 82 (tRAS allows 68)',
    setup: [[Cmd.ACT, 0, 0], [Cmd.RD, 0, 70]],
    cmd: Cmd.PRE,
    bank: 0,
    at: 82,
  },
  {
    rule: 'tWR',
    why: 'WR 70 → PRE: 70 + WL 14 + 8 + 1 + tWR 29 = 122',
    setup: [[Cmd.ACT, 0, 0], [Cmd.WR, 0, 70]],
    cmd: Cmd.PRE,
    bank: 0,
    at: 122,
  },
  { rule: 'tRFC', why: 'REF 0 → ACT: 0 + tRFCab 448', setup: [[Cmd.REF, 0, 0]], cmd: Cmd.ACT, bank: 0, at: 448 },
  { rule: 'tRFC', why: 'REF 0 → REF: 448', setup: [[Cmd.REF, 0, 0]], cmd: Cmd.REF, bank: 0, at: 448 },
  { rule: 'tRFC', why: 'REF 0 → power-down entry after the refresh: 448', setup: [[Cmd.REF, 0, 0]], cmd: Cmd.PDE, bank: 0, at: 448 },
  { rule: 'tRFC', why: 'SREFEN 0 → SREFEX after its refresh: 448 (tSR allows 24)', setup: [[Cmd.SREFEN, 0, 0]], cmd: Cmd.SREFEX, bank: 0, at: 448 },
  { rule: 'tCKE', why: 'PDE 0 → PDX: 0 + tCKE 12', setup: [[Cmd.PDE, 0, 0]], cmd: Cmd.PDX, bank: 0, at: 12 },
  { rule: 'tCKE', why: 'PDX 12 → PDE: 12 + 12', setup: [[Cmd.PDE, 0, 0], [Cmd.PDX, 0, 12]], cmd: Cmd.PDE, bank: 0, at: 24 },
  { rule: 'tXP', why: 'PDX 12 → ACT: 12 + tXP 12', setup: [[Cmd.PDE, 0, 0], [Cmd.PDX, 0, 12]], cmd: Cmd.ACT, bank: 0, at: 24 },
  {
    rule: 'tSR',
    why: 'with tSR 500: SREFEN 0 → SREFEX: 500 (the refresh ends at 448)',
    params: { tSR_cycles: 500 },
    setup: [[Cmd.SREFEN, 0, 0]],
    cmd: Cmd.SREFEX,
    bank: 0,
    at: 500,
  },
  { rule: 'tXSR', why: 'SREFEX 448 → ACT: 448 + tXSR 460', setup: [[Cmd.SREFEN, 0, 0], [Cmd.SREFEX, 0, 448]], cmd: Cmd.ACT, bank: 0, at: 908 },
  {
    rule: 'powerUp',
    why: 'POWER_ON 10 → ACT: 10 + 2,203,000 ns / 0.625 ns = 10 + 3,524,800',
    setup: [[Cmd.POWER_OFF, 0, 0], [Cmd.POWER_ON, 0, 10]],
    cmd: Cmd.ACT,
    bank: 0,
    at: 3_524_810,
  },
  { rule: 'order', why: 'ACT 100, then PRE of a closed bank at 99: commands go in time order', setup: [[Cmd.ACT, 0, 100]], cmd: Cmd.PRE, bank: 1, at: 100 },
];

function channelAfter(c: Case): Lpddr4Channel {
  const ch = new Lpddr4Channel({ ...ref, ...c.params });
  for (const [cmd, bank, cycle] of c.setup) ch.issue(cmd, bank, 7, 0, cycle);
  return ch;
}

describe('timing rules: boundary pairs', () => {
  for (const c of CASES) {
    it(`${c.rule}: ${c.why}`, () => {
      const ch = channelAfter(c);
      expect(ch.earliest(c.cmd, c.bank)).toBe(c.at);
      expect(ch.rules.binding).toBe(c.rule);
      let caught: unknown;
      try {
        ch.issue(c.cmd, c.bank, 7, 0, c.at - 1);
      } catch (e) {
        caught = e;
      }
      expect(caught).toBeInstanceOf(DramTimingError);
      expect((caught as DramTimingError).rules).toContain(c.rule);
      expect((caught as DramTimingError).message).toContain(c.rule);
      expect(() => ch.issue(c.cmd, c.bank, 7, 0, c.at)).not.toThrow();
    });
  }
});

describe('state rules', () => {
  it('refuses commands that no cycle would make legal, saying why', () => {
    const ch = new Lpddr4Channel(ref);
    expect(() => ch.issue(Cmd.RD, 0, 0, 0, 0)).toThrow(DramStateError);
    expect(() => ch.issue(Cmd.PDX, 0, 0, 0, 0)).toThrow(/not in power-down/);
    ch.issue(Cmd.ACT, 2, 5, 0, 0);
    expect(() => ch.issue(Cmd.ACT, 2, 6, 0, 100)).toThrow(/already has row 5 open/);
    expect(() => ch.issue(Cmd.REF, 0, 0, 0, 100)).toThrow(/precharge first/);
    ch.issue(Cmd.PDE, 0, 0, 0, 100);
    expect(() => ch.earliest(Cmd.RD, 2)).toThrow(/active power-down/);
  });

  it('a PRE to a closed bank is accepted and costs nothing (as in DRAMPower)', () => {
    const ch = new Lpddr4Channel(ref);
    ch.issue(Cmd.PRE, 3, 0, 0, 0);
    expect(ch.activity.pre).toBe(0);
    expect(ch.energy_J().pre).toBe(0);
  });

  it('power-down with a row open is active power-down, with all closed precharge power-down', () => {
    const ch = new Lpddr4Channel(ref);
    ch.issue(Cmd.ACT, 0, 1, 0, 0);
    ch.issue(Cmd.PDE, 0, 0, 0, 29); // waits tRCD after the ACT
    ch.issue(Cmd.PDX, 0, 0, 0, 129);
    ch.issue(Cmd.PRE, 0, 0, 0, 141);
    ch.issue(Cmd.PDE, 0, 0, 0, 170); // waits tRP after the PRE
    ch.accrueTo(270);
    expect(ch.activity.activePowerDown_cycles).toBe(100);
    expect(ch.activity.prechargePowerDown_cycles).toBe(100);
  });
});
