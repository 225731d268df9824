/**
 * LPDDR4 commands as small integers (the hot scheduling loop switches on them)
 * and their names in DRAMPower's command-trace vocabulary
 * (tukl-msd/DRAMPower src/DRAMPower/DRAMPower/command/CmdType.h).
 */
export const Cmd = {
  ACT: 0,
  RD: 1,
  WR: 2,
  /** Precharge one bank; a no-op when the bank is already closed (as in DRAMPower). */
  PRE: 3,
  /** Precharge all banks. */
  PREA: 4,
  /** All-bank refresh (REFab; DRAMPower's REFA). */
  REF: 5,
  /** Power-down entry: active or precharge power-down, by bank state (JEDEC has one CKE-low entry). */
  PDE: 6,
  PDX: 7,
  /** Self-refresh entry; as DRAMPower does, it counts one all-bank refresh at entry. */
  SREFEN: 8,
  SREFEX: 9,
  /** Supplies removed: contents lost, no current. Not a DRAM command; absent from DRAMPower traces. */
  POWER_OFF: 10,
  /** Supplies restored: the power-up sequence runs for powerUpTime_ns before the first command. */
  POWER_ON: 11,
} as const;
export type DramCmd = (typeof Cmd)[keyof typeof Cmd];

const CMD_NAMES: readonly string[] = [
  'ACT', 'RD', 'WR', 'PRE', 'PREA', 'REF', 'PDE', 'PDX', 'SREFEN', 'SREFEX', 'POWER_OFF', 'POWER_ON',
];

export function cmdName(cmd: DramCmd): string {
  return CMD_NAMES[cmd] ?? `cmd${cmd}`;
}

/** Names written to a DRAMPower trace; power-down entry/exit say which power-down. */
export type TraceCommandName =
  | 'ACT' | 'RD' | 'WR' | 'PRE' | 'PREA' | 'REFA'
  | 'PDEA' | 'PDEP' | 'PDXA' | 'PDXP' | 'SREFEN' | 'SREFEX'
  | 'POWER_OFF' | 'POWER_ON';

/** Receives every command a channel issues (for `--dram-trace` and for tests). */
export interface DramCommandSink {
  command(channel: number, cycle: number, name: TraceCommandName, bank: number, row: number, column: number): void;
  /** The run ends at `cycle` (DRAMPower's END line). */
  end(channel: number, cycle: number): void;
}
