import type { ActivityCounters } from './activity.js';
import { currentKey, type DramParams, type EnergyTerm, type IddState, type Rail, type ResidencyKey } from './spec.js';

/**
 * DRAMPower's LPDDR4 core energy equations (tukl-msd/DRAMPower
 * src/DRAMPower/DRAMPower/standards/lpddr4/core_calculation_LPDDR4.cpp), with
 * IBeta = IDD0 so that they reduce to the reference note
 * (reference/lpddr4-3200.json power_states.note), per rail:
 *   E_ACT = V·(IDD0 − IDD3N)·tRAS           E_PRE = V·(IDD0 − IDD2N)·tRPpb (per bank closed)
 *   E_RD  = V·(IDD4R − IDD3N)·BL/2·tCK      E_WR  = V·(IDD4W − IDD3N)·BL/2·tCK
 *   E_REF = V·(IDD5 − IDD3N*)·tRFCab        IDD3N* = I_rho + B·(IDD3N − I_rho)
 *   background: V·[I_rho·T_rank_active + (IDD3N − I_rho)·ΣT_bank_active + IDD2N·T_pre
 *               + IDD3P·T_apd + IDD2P·T_ppd + IDD6·T_sr],  I_rho = IDD2N + rho·(IDD3N − IDD2N)
 * With rho = 1 the background is V·IDD3N per active cycle. Core terms sum VDD1
 * and VDD2; every VDDQ term (commands and background) goes to `io`.
 */
export class DramEnergyModel {
  /** Joules per count or per cycle, core (VDD1 + VDD2) and I/O (VDDQ). */
  private readonly core: PerUnit;
  private readonly io: PerUnit;

  constructor(p: DramParams) {
    this.core = perUnit(p, ['vdd1', 'vdd2']);
    this.io = perUnit(p, ['vddq']);
  }

  /** Cumulative energy by term, J. */
  energy(a: ActivityCounters): Record<EnergyTerm, number> {
    const c = this.core;
    return {
      act: a.act * c.act,
      pre: a.pre * c.pre,
      read: a.rd * c.rd,
      write: a.wr * c.wr,
      refresh: a.ref * c.ref,
      background: background(c, a),
      io: commands(this.io, a) + background(this.io, a),
    };
  }

  /** Core background energy by power state, J (the refresh window counts as active standby). */
  backgroundByState(a: ActivityCounters): Record<ResidencyKey, number> {
    const c = this.core;
    return {
      active_standby: c.rankActive * a.rankActive_cycles + c.bankActive * a.bankActive_cycles,
      precharge_standby: c.prechargeStandby * a.prechargeStandby_cycles,
      active_power_down: c.activePowerDown * a.activePowerDown_cycles,
      precharge_power_down: c.prechargePowerDown * a.prechargePowerDown_cycles,
      self_refresh: c.selfRefresh * a.selfRefresh_cycles,
      off: 0,
    };
  }

  /** Sum of all terms, J. */
  total(a: ActivityCounters): number {
    let sum = 0;
    for (const v of Object.values(this.energy(a))) sum += v;
    return sum;
  }
}

interface PerUnit {
  act: number;
  pre: number;
  rd: number;
  wr: number;
  ref: number;
  rankActive: number;
  bankActive: number;
  prechargeStandby: number;
  activePowerDown: number;
  prechargePowerDown: number;
  selfRefresh: number;
}

function perUnit(p: DramParams, rails: readonly Rail[]): PerUnit {
  const cycle_s = p.tCK_ns * 1e-9;
  const rho = p.activeBackgroundRho;
  /** Σ over rails of V × f(rail) mA × n cycles, in J. */
  const sum = (f: (I: (s: IddState) => number) => number, n: number): number => {
    let e = 0;
    for (const r of rails) {
      const I = (s: IddState): number => p[currentKey(s, r)];
      e += p[`${r}_V`] * f(I) * 1e-3 * n * cycle_s;
    }
    return e;
  };
  const iRho = (I: (s: IddState) => number): number => I('idd2n') + rho * (I('idd3n') - I('idd2n'));
  const burstCycles = Math.floor(p.burstLength / 2);
  return {
    act: sum((I) => I('idd0') - I('idd3n'), p.tRAS_cycles),
    pre: sum((I) => I('idd0') - I('idd2n'), p.tRPpb_cycles),
    rd: sum((I) => I('idd4r') - I('idd3n'), burstCycles),
    wr: sum((I) => I('idd4w') - I('idd3n'), burstCycles),
    ref: sum((I) => I('idd5') - (iRho(I) + p.banks * (I('idd3n') - iRho(I))), p.tRFCab_cycles),
    rankActive: sum(iRho, 1),
    bankActive: sum((I) => I('idd3n') - iRho(I), 1),
    prechargeStandby: sum((I) => I('idd2n'), 1),
    activePowerDown: sum((I) => I('idd3p'), 1),
    prechargePowerDown: sum((I) => I('idd2p'), 1),
    selfRefresh: sum((I) => I('idd6'), 1),
  };
}

function commands(u: PerUnit, a: ActivityCounters): number {
  return a.act * u.act + a.pre * u.pre + a.rd * u.rd + a.wr * u.wr + a.ref * u.ref;
}

function background(u: PerUnit, a: ActivityCounters): number {
  return (
    u.rankActive * a.rankActive_cycles +
    u.bankActive * a.bankActive_cycles +
    u.prechargeStandby * a.prechargeStandby_cycles +
    u.activePowerDown * a.activePowerDown_cycles +
    u.prechargePowerDown * a.prechargePowerDown_cycles +
    u.selfRefresh * a.selfRefresh_cycles
  );
}
