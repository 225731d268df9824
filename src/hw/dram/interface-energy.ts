import type { ActivityCounters } from './activity.js';
import type { DramParams } from './spec.js';

/** Line groups of one x16 channel (JESD209-4 pinout; CKE is unterminated and not counted). */
export const INTERFACE_LINES = ['dq', 'dbi', 'dqs', 'ca', 'cs', 'ck'] as const;
export type InterfaceLine = (typeof INTERFACE_LINES)[number];
export interface LineEnergy {
  termination_J: number;
  switching_J: number;
}

/** CA clock cycles per command (JESD209-4 truth table: two-cycle command words). */
const CA_CYCLES = { act: 4, rd: 4, wr: 4, pre: 2, prea: 2, ref: 2, sre: 2, srx: 2 } as const;
const CA_LINES = 6;

/**
 * LPDDR4 interface energy, structured as DRAMPower 6 computes it
 * (tukl-msd/DRAMPower src/DRAMPower/DRAMPower/standards/lpddr4/interface_calculation_LPDDR4.cpp):
 * per line group, termination = bit-times high × P_high × bit time and
 * switching = 0→1 transitions × E_toggle. The physical values replace its
 * memspec R_eq and dyn_E (reference/lpddr4-interface.json):
 *   P_high   = VDDQ · VOH / R_ODT     (current VOH/R_ODT drawn from VDDQ while a line is high)
 *   E_toggle = C_line · VOH · VDDQ    (charge C·VOH drawn from VDDQ per 0→1)
 * Activity comes from the command counters: each RD/WR burst moves BL beats
 * on DQ (DBI) with DQS toggling every beat; each command occupies CA and CS
 * for its cycles; CK runs in standby (and, without clock stop, in
 * power-down and self-refresh). Lines idle low (no current) otherwise.
 * Both ends are counted (the DRAM drives reads, the controller drives writes,
 * commands and the clock), as DRAMPower sums its controller and DRAM parts.
 */
export class InterfaceEnergyModel {
  private readonly pHigh_W: number;
  private readonly eToggle_J: number;
  private readonly tCK_s: number;

  constructor(private readonly p: DramParams) {
    const voh_V = p.ioVohFraction * p.vddq_V;
    this.pHigh_W = (p.vddq_V * voh_V) / p.ioOdt_ohm;
    this.eToggle_J = p.ioLineCapacitance_pF * 1e-12 * voh_V * p.vddq_V;
    this.tCK_s = p.tCK_ns * 1e-9;
  }

  /** Termination energy of one line high for one bit-time of `bitTime_s`, J. */
  highBitEnergy_J(bitTime_s: number): number {
    return this.pHigh_W * bitTime_s;
  }

  /** Switching energy of one 0→1 transition of one line, J. */
  toggleEnergy_J(): number {
    return this.eToggle_J;
  }

  /** Energy by line group, J. */
  byLine(a: ActivityCounters): Record<InterfaceLine, LineEnergy> {
    const p = this.p;
    const bytes = p.channelWidth_bits / 8;
    const beats = (a.rd + a.wr) * p.burstLength;
    const dataBit = this.highBitEnergy_J(this.tCK_s / 2);
    const clockBit = this.highBitEnergy_J(this.tCK_s);
    const e = this.eToggle_J;
    const data = (lines: number): LineEnergy => ({
      termination_J: lines * beats * p.ioDataOnesFraction * dataBit,
      switching_J: lines * beats * (p.ioDataToggleRate / 2) * e,
    });
    const caCycles =
      CA_CYCLES.act * a.act +
      CA_CYCLES.rd * a.rd +
      CA_CYCLES.wr * a.wr +
      CA_CYCLES.pre * a.preCommands +
      CA_CYCLES.prea * a.prea +
      CA_CYCLES.ref * (a.ref - a.srefen) +
      CA_CYCLES.sre * a.srefen +
      CA_CYCLES.srx * a.srefex;
    // CS is high in the first cycle of each two-cycle command word.
    const csHigh = caCycles / 2;
    const ckCycles = this.clockCycles(a);
    return {
      dq: data(p.channelWidth_bits),
      dbi: p.ioDbi ? data(bytes) : { termination_J: 0, switching_J: 0 },
      // A differential pair: one line high every beat, each line rises once per clock.
      dqs: { termination_J: bytes * beats * dataBit, switching_J: bytes * beats * e },
      ca: {
        termination_J: CA_LINES * caCycles * p.ioCommandOnesFraction * clockBit,
        switching_J: CA_LINES * caCycles * (p.ioCommandToggleRate / 2) * e,
      },
      cs: { termination_J: csHigh * clockBit, switching_J: csHigh * e },
      // A differential pair: one line high at any time, each line rises once per cycle.
      ck: { termination_J: ckCycles * clockBit, switching_J: 2 * ckCycles * e },
    };
  }

  /** Cycles with the clock running: CKE high, or any powered cycle without clock stop. */
  clockCycles(a: ActivityCounters): number {
    const standby = a.rankActive_cycles + a.prechargeStandby_cycles;
    if (this.p.ioClockStopWhileCkeLow) return standby - a.selfRefreshEntryRefresh_cycles;
    return standby + a.activePowerDown_cycles + a.prechargePowerDown_cycles + a.selfRefresh_cycles;
  }

  /** Termination and switching energy summed over lines, J. */
  energy(a: ActivityCounters): LineEnergy {
    let termination_J = 0;
    let switching_J = 0;
    for (const l of Object.values(this.byLine(a))) {
      termination_J += l.termination_J;
      switching_J += l.switching_J;
    }
    return { termination_J, switching_J };
  }
}
