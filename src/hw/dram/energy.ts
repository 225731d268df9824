import type { ActivityCounters } from './activity.js';
import { InterfaceEnergyModel } from './interface-energy.js';
import { currentKey, type DramParams, type EnergyTerm, type IddState, type ResidencyKey } from './spec.js';

/**
 * DRAMPower's LPDDR4 core energy equations (tukl-msd/DRAMPower
 * src/DRAMPower/DRAMPower/standards/lpddr4/core_calculation_LPDDR4.cpp), with
 * IBeta = IDD0 so that they reduce to the reference note
 * (reference/lpddr4-3200.json power_states.note), per rail (VDD1, VDD2):
 *   I_rho = IDD2N + rho·(IDD3N − IDD2N)      ΔI = current added per open bank
 *   background active = V·[I_rho·T_rank_active + ΔI·ΣT_bank_active]
 *   E_ACT = V·(IDD0 − (I_rho + ΔI))·tRAS     E_PRE = V·(IDD0 − IDD2N)·tRPpb (per bank closed)
 *   E_RD  = V·(IDD4R − IDD3N)·BL/2·tCK       E_WR  = V·(IDD4W − IDD3N)·BL/2·tCK
 *   E_REF = V·(IDD5 − (I_rho + B·ΔI))·tRFCab
 *   background otherwise: V·[IDD2N·T_pre + IDD3P·T_apd + IDD2P·T_ppd + IDD6·T_sr]
 * ΔI = (IDD3N − I_rho)/B (activeBackgroundForm all-banks-IDD3N, DRAMPower 6.2
 * as its DDR4/DDR5: I_rho + ΔI is its I_1, all banks open draw IDD3N) or
 * IDD3N − I_rho (one-bank-IDD3N, earlier LPDDR4: one open bank draws IDD3N).
 * With rho = 1 both give V·IDD3N per active cycle. The VDDQ IDD currents are
 * not used: the interface (VDDQ) energy comes from InterfaceEnergyModel.
 */
export class DramEnergyModel {
  /** Core (VDD1 + VDD2) joules per count or per cycle. */
  private readonly core: PerUnit;
  readonly interface: InterfaceEnergyModel;

  constructor(p: DramParams) {
    this.core = perUnit(p);
    this.interface = new InterfaceEnergyModel(p);
  }

  /** Cumulative energy by term, J. */
  energy(a: ActivityCounters): Record<EnergyTerm, number> {
    const c = this.core;
    const io = this.interface.energy(a);
    return {
      act: a.act * c.act,
      pre: a.pre * c.pre,
      read: a.rd * c.rd,
      write: a.wr * c.wr,
      refresh: a.ref * c.ref,
      background: Object.values(this.backgroundByState(a)).reduce((x, y) => x + y, 0),
      io_termination: io.termination_J,
      io_switching: io.switching_J,
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

function perUnit(p: DramParams): PerUnit {
  const cycle_s = p.tCK_ns * 1e-9;
  const rho = p.activeBackgroundRho;
  const B = p.banks;
  /** Σ over the core rails of V × f(rail) mA × n cycles, in J. */
  const sum = (f: (I: (s: IddState) => number) => number, n: number): number => {
    let e = 0;
    for (const r of ['vdd1', 'vdd2'] as const) {
      const I = (s: IddState): number => p[currentKey(s, r)];
      e += p[`${r}_V`] * f(I) * 1e-3 * n * cycle_s;
    }
    return e;
  };
  const iRho = (I: (s: IddState) => number): number => I('idd2n') + rho * (I('idd3n') - I('idd2n'));
  const perBank = (I: (s: IddState) => number): number =>
    p.activeBackgroundForm === 'all-banks-IDD3N' ? (I('idd3n') - iRho(I)) / B : I('idd3n') - iRho(I);
  const burstCycles = Math.floor(p.burstLength / 2);
  return {
    act: sum((I) => I('idd0') - (iRho(I) + perBank(I)), p.tRAS_cycles),
    pre: sum((I) => I('idd0') - I('idd2n'), p.tRPpb_cycles),
    rd: sum((I) => I('idd4r') - I('idd3n'), burstCycles),
    wr: sum((I) => I('idd4w') - I('idd3n'), burstCycles),
    ref: sum((I) => I('idd5') - (iRho(I) + B * perBank(I)), p.tRFCab_cycles),
    rankActive: sum(iRho, 1),
    bankActive: sum(perBank, 1),
    prechargeStandby: sum((I) => I('idd2n'), 1),
    activePowerDown: sum((I) => I('idd3p'), 1),
    prechargePowerDown: sum((I) => I('idd2p'), 1),
    selfRefresh: sum((I) => I('idd6'), 1),
  };
}
