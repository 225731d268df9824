import { defaultsOf } from '../../../src/engine/spec.js';
import { Lpddr4Channel } from '../../../src/hw/dram/channel.js';
import { Cmd, type DramCmd, type DramCommandSink, type TraceCommandName } from '../../../src/hw/dram/commands.js';
import { dramSpec, type DramParams } from '../../../src/hw/dram/spec.js';

/** The reference LPDDR4-3200 parameters (reference/lpddr4-3200.json) with overrides. */
export function refParams(over: Partial<DramParams> = {}): DramParams {
  return { ...defaultsOf<DramParams>(dramSpec), ...over };
}

/** tCK of the reference part in ps. */
export const TCK_PS = 625;

export interface Recorded {
  channel: number;
  cycle: number;
  name: TraceCommandName;
  bank: number;
  row: number;
  column: number;
}

/** A sink that keeps every command and END. */
export class Recorder implements DramCommandSink {
  readonly commands: Recorded[] = [];
  readonly ends: { channel: number; cycle: number }[] = [];
  command(channel: number, cycle: number, name: TraceCommandName, bank: number, row: number, column: number): void {
    this.commands.push({ channel, cycle, name, bank, row, column });
  }
  end(channel: number, cycle: number): void {
    this.ends.push({ channel, cycle });
  }
}

const BY_NAME: Record<TraceCommandName, DramCmd> = {
  ACT: Cmd.ACT, RD: Cmd.RD, WR: Cmd.WR, PRE: Cmd.PRE, PREA: Cmd.PREA, REFA: Cmd.REF,
  PDEA: Cmd.PDE, PDEP: Cmd.PDE, PDXA: Cmd.PDX, PDXP: Cmd.PDX, SREFEN: Cmd.SREFEN, SREFEX: Cmd.SREFEX,
  POWER_OFF: Cmd.POWER_OFF, POWER_ON: Cmd.POWER_ON,
};

/**
 * Issue one channel's recorded commands on a fresh, timing-checked channel:
 * throws if any command breaks a rule. Accounts background up to `until`.
 */
export function replayChecked(params: DramParams, records: readonly Recorded[], channel: number, until: number): Lpddr4Channel {
  const ch = new Lpddr4Channel(params);
  for (const r of records) {
    if (r.channel === channel) ch.issue(BY_NAME[r.name], r.bank, r.row, r.column, r.cycle);
  }
  ch.accrueTo(until);
  return ch;
}

/**
 * Core power of a state (VDD1 + VDD2, reference figures), mW:
 *   IDD2N 1.8×2 + 1.1×27 = 33.3       IDD2P 1.8×1.2 + 1.1×3 = 5.46
 *   IDD3N 1.8×2.25 + 1.1×30 = 37.05   IDD6 1.8×0.3 + 1.1×0.5 = 1.09
 * E_REF (increment over IDD3N) = 22386 pJ.
 */
export const P_mW = { idd2n: 33.3, idd2p: 5.46, idd3n: 37.05, idd6: 1.09 };
export const E_REF_pJ = 22386;
/** pJ for `cycles` at `mW` (0.625 ns per cycle). */
export const pJ = (mW: number, cycles: number): number => mW * cycles * 0.625;
