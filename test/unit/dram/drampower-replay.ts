import { defaultsOf } from '../../../src/engine/spec.js';
import { Lpddr4Channel } from '../../../src/hw/dram/channel.js';
import { Cmd, type DramCmd } from '../../../src/hw/dram/commands.js';
import { dramSpec, type DramParams } from '../../../src/hw/dram/spec.js';

/**
 * Replays DRAMPower's LPDDR4 unit-test patterns (tukl-msd/DRAMPower
 * tests/tests_drampower/core/LPDDR4/lpddr4_test_pattern_*.cpp) on our channel.
 *
 * DRAMPower's memspecs are single-rail where it matters (VDD2 and VDDQ
 * currents zero) and give currents in A and tCK in s; here they become mA and
 * ns, so our energy in J × 1e12 equals DRAMPower's number in both its pJ tests
 * (tCK ~1e-9 s, currents ~1e-3 A) and its raw-unit tests (tCK = 1, currents
 * ~64): both are V × I × cycles × tCK with the same scale factor.
 *
 * Translations (DRAMPower semantics our command set does not have):
 * - PDEA/PDEP and PDXA/PDXP are our PDE/PDX; like DRAMPower, entry and exit
 *   happen at the later of the given time and the earliest legal one.
 * - RDA/WRA are RD/WR followed by a PRE at DRAMPower's implicit precharge time
 *   max(ACT + tRAS, cmd + prechargeOffset), run before any command at the same
 *   time (DRAMPower processes implicit commands up to a command's timestamp).
 * - END accounts background up to its time.
 */

export interface Memspec {
  banks: number;
  burstLength: number;
  tCK_ns: number;
  vdd1_V: number;
  /** VDD1 currents in DRAMPower's unit ×1000 (mA for A). */
  idd: Partial<Record<'idd0' | 'idd2n' | 'idd2p' | 'idd3n' | 'idd3p' | 'idd4r' | 'idd4w' | 'idd5' | 'idd6', number>>;
  rho: number;
  /** DRAMPower timing names in cycles; missing ones are 0. */
  t: Partial<Record<'RCD' | 'RAS' | 'RPpb' | 'RPab' | 'RFCab' | 'RTP' | 'WL' | 'WR' | 'RL' | 'CKE' | 'XP' | 'SR' | 'XSR', number>>;
  /** DRAMPower's prechargeOffsetRD / prechargeOffsetWR, for RDA / WRA. */
  offsetRD?: number;
  offsetWR?: number;
}

/**
 * tests/tests_drampower/resources/lpddr4.json (commit 16dc99c3): 16 banks,
 * BL8, tCK 1/1.3 GHz, VDD1 1.2 V with every current, VDD2 currents zero,
 * bankwise factRho 0.5. Currents ×1000 (A → mA).
 */
export const FILE_MEMSPEC: Memspec = {
  banks: 16,
  burstLength: 8,
  tCK_ns: 0.76923076923076923076923076923077,
  vdd1_V: 1.2,
  idd: { idd0: 56.25, idd2n: 33.75, idd3n: 35, idd4r: 157.5, idd4w: 135, idd5: 118, idd6: 20.25, idd2p: 17, idd3p: 22.5 },
  rho: 0.5,
  t: { RAS: 10, RCD: 13, RL: 0, RFCab: 25, RPpb: 10, RPab: 0, RTP: 2, WL: 5, WR: 5 },
  // MemSpecLPDDR4.cpp: BL != 16 → prechargeOffsetRD = 8 + tRTP.
  offsetRD: 10,
};

function paramsOf(m: Memspec): DramParams {
  const p = defaultsOf<DramParams>(dramSpec);
  for (const key of Object.keys(p) as (keyof DramParams)[]) {
    if (key.endsWith('_mA') || (key.startsWith('t') && key.endsWith('_cycles')) || key.endsWith('L_cycles')) {
      (p as Record<string, unknown>)[key] = 0;
    }
  }
  Object.assign(p, {
    banks: m.banks,
    burstLength: m.burstLength,
    tCK_ns: m.tCK_ns,
    vdd1_V: m.vdd1_V,
    vdd2_V: m.vdd1_V,
    vddq_V: m.vdd1_V,
    activeBackgroundRho: m.rho,
    // The patterns' asserted figures come from DRAMPower before 6.2, whose LPDDR4
    // charged IDD3N − I_rho per open bank (spec.ts activeBackgroundForm).
    activeBackgroundForm: 'one-bank-IDD3N',
    tRCD_cycles: m.t.RCD ?? 0,
    tRAS_cycles: m.t.RAS ?? 0,
    tRPpb_cycles: m.t.RPpb ?? 0,
    tRPab_cycles: m.t.RPab ?? 0,
    tRFCab_cycles: m.t.RFCab ?? 0,
    tRTP_cycles: m.t.RTP ?? 0,
    WL_cycles: m.t.WL ?? 0,
    tWR_cycles: m.t.WR ?? 0,
    RL_cycles: m.t.RL ?? 0,
    tCKE_cycles: m.t.CKE ?? 0,
    tXP_cycles: m.t.XP ?? 0,
    tSR_cycles: m.t.SR ?? 0,
    tXSR_cycles: m.t.XSR ?? 0,
  });
  for (const [state, mA] of Object.entries(m.idd)) (p as Record<string, number>)[`${state}_vdd1_mA`] = mA;
  return p;
}

export type PatternLine = [cycle: number, cmd: string, bank?: number];

const PLAIN: Record<string, DramCmd> = {
  ACT: Cmd.ACT, RD: Cmd.RD, WR: Cmd.WR, PRE: Cmd.PRE, PREA: Cmd.PREA, REFA: Cmd.REF,
  SREFEN: Cmd.SREFEN, SREFEX: Cmd.SREFEX,
};

/** Replay a pattern; returns the channel (its counters and energy model hold the results). */
export function replay(m: Memspec, pattern: readonly PatternLine[], checkTiming: boolean): Lpddr4Channel {
  const ch = new Lpddr4Channel(paramsOf(m), { checkTiming });
  const implicit: { at: number; bank: number }[] = [];
  const runImplicit = (upTo: number): void => {
    implicit.sort((a, b) => a.at - b.at);
    while (implicit.length > 0 && implicit[0]!.at <= upTo) {
      const { at, bank } = implicit.shift()!;
      ch.issue(Cmd.PRE, bank, 0, 0, at);
    }
  };
  for (const [cycle, name, bank = 0] of pattern) {
    runImplicit(cycle);
    if (name === 'END') {
      ch.accrueTo(cycle);
    } else if (name === 'PDEA' || name === 'PDEP') {
      ch.issue(Cmd.PDE, 0, 0, 0, Math.max(cycle, ch.earliest(Cmd.PDE)));
    } else if (name === 'PDXA' || name === 'PDXP') {
      ch.issue(Cmd.PDX, 0, 0, 0, Math.max(cycle, ch.earliest(Cmd.PDX)));
    } else if (name === 'RDA' || name === 'WRA') {
      const offset = (name === 'RDA' ? m.offsetRD : m.offsetWR) ?? 0;
      ch.issue(name === 'RDA' ? Cmd.RD : Cmd.WR, bank, ch.state.openRow[bank]!, 0, cycle);
      implicit.push({ at: Math.max(ch.state.actAt[bank]! + (m.t.RAS ?? 0), cycle + offset), bank });
    } else {
      const cmd = PLAIN[name];
      if (cmd === undefined) throw new Error(`pattern command ${name} has no counterpart here`);
      ch.issue(cmd, bank, cmd === Cmd.ACT ? 0 : ch.state.openRow[bank]!, 0, cycle);
    }
  }
  return ch;
}

/** Our figures in DRAMPower's units and names. */
export function drampowerView(ch: Lpddr4Channel): Record<string, number> {
  const e = ch.energy_J();
  const bg = ch.energyModel.backgroundByState(ch.activity);
  const scale = 1e12;
  return {
    E_act: e.act * scale,
    E_pre: e.pre * scale,
    E_RD: e.read * scale,
    E_WR: e.write * scale,
    E_ref_AB: e.refresh * scale,
    E_bg_act: bg.active_standby * scale,
    E_bg_pre: bg.precharge_standby * scale,
    E_PDNA: bg.active_power_down * scale,
    E_PDNP: bg.precharge_power_down * scale,
    E_sref: bg.self_refresh * scale,
    total: (e.act + e.pre + e.read + e.write + e.refresh + e.background) * scale,
  };
}

/** DRAMPower asserts std::round(x): within rounding means |ours − theirs| ≤ 0.5 (plus float noise). */
export function roundsTo(ours: number, theirs: number): boolean {
  return Math.abs(ours - theirs) <= 0.5 + 1e-6;
}

/** DRAMPower asserts (int)x, which truncates: theirs ≤ ours < theirs + 1 (plus float noise). */
export function truncatesTo(ours: number, theirs: number): boolean {
  return ours > theirs - 1e-6 && ours < theirs + 1;
}
