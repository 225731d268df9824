import { Cmd, cmdName, type DramCmd } from './commands.js';
import { ChannelState, PowerState } from './bank-state.js';
import type { DramTiming, TimingRule } from './timing.js';

/**
 * The timing rules of one LPDDR4 channel: for a command, the first cycle each
 * rule allows, measured from the remembered command times. Each constraint is
 * written once; `earliest` keeps the maximum (and which rule set it),
 * `violations` lists every rule a given cycle breaks.
 */

export interface Violation {
  rule: TimingRule;
  /** First cycle the rule allows. */
  earliest: number;
}

/** A command issued before a timing rule allows it. */
export class DramTimingError extends Error {
  constructor(
    readonly cmd: DramCmd,
    readonly cycle: number,
    readonly violations: readonly Violation[],
  ) {
    const list = violations.map((v) => `${v.rule} (allows cycle ${v.earliest})`).join(', ');
    super(`${cmdName(cmd)} at cycle ${cycle} violates ${list}`);
    this.name = 'DramTimingError';
  }
  /** The rules broken, most restrictive first. */
  get rules(): TimingRule[] {
    return this.violations.map((v) => v.rule);
  }
}

/** A command that is not allowed in the current bank or power state at any cycle. */
export class DramStateError extends Error {
  constructor(readonly cmd: DramCmd, reason: string) {
    super(`${cmdName(cmd)} not allowed: ${reason}`);
    this.name = 'DramStateError';
  }
}

const POWER_NAMES = ['standby', 'active power-down', 'precharge power-down', 'self-refresh', 'off'];

/** Why `cmd` cannot be issued in the current state at all, or undefined. */
export function stateProblem(s: ChannelState, cmd: DramCmd, bank: number): string | undefined {
  const asleep = s.power !== PowerState.STANDBY ? `the channel is in ${POWER_NAMES[s.power]}` : undefined;
  const bankOk = bank >= 0 && bank < s.banks;
  switch (cmd) {
    case Cmd.ACT:
      if (!bankOk) return `bank ${bank} does not exist`;
      return asleep ?? (s.openRow[bank]! >= 0 ? `bank ${bank} already has row ${s.openRow[bank]} open` : undefined);
    case Cmd.RD:
    case Cmd.WR:
      if (!bankOk) return `bank ${bank} does not exist`;
      return asleep ?? (s.openRow[bank]! < 0 ? `bank ${bank} has no open row` : undefined);
    case Cmd.PRE:
      if (!bankOk) return `bank ${bank} does not exist`;
      return asleep;
    case Cmd.PREA:
    case Cmd.PDE:
      return asleep;
    case Cmd.REF:
    case Cmd.SREFEN:
      return asleep ?? (s.openBanks > 0 ? `${s.openBanks} bank(s) still open; precharge first` : undefined);
    case Cmd.PDX:
      return s.power === PowerState.ACTIVE_PD || s.power === PowerState.PRECHARGE_PD ? undefined : 'not in power-down';
    case Cmd.SREFEX:
      return s.power === PowerState.SELF_REFRESH ? undefined : 'not in self-refresh';
    case Cmd.POWER_OFF:
      return s.power === PowerState.OFF ? 'already off' : undefined;
    case Cmd.POWER_ON:
      return s.power === PowerState.OFF ? undefined : 'not off';
    default:
      return `unknown command ${String(cmd)}`;
  }
}

export class TimingRules {
  /** The rule that set the result of the last `earliest` call. */
  binding: TimingRule = 'order';
  private bound = -Infinity;
  private collected: Violation[] | undefined;
  private probe = 0;

  constructor(
    private readonly t: DramTiming,
    private readonly s: ChannelState,
  ) {}

  /** First cycle at which every timing rule allows `cmd` (state is not checked here). */
  earliest(cmd: DramCmd, bank: number): number {
    this.collected = undefined;
    this.bound = -Infinity;
    this.binding = 'order';
    this.evaluate(cmd, bank);
    return this.bound;
  }

  /** Every rule that forbids `cmd` at `cycle`, most restrictive first. */
  violations(cmd: DramCmd, bank: number, cycle: number): Violation[] {
    const found: Violation[] = [];
    this.collected = found;
    this.probe = cycle;
    this.bound = -Infinity;
    this.evaluate(cmd, bank);
    this.collected = undefined;
    return found.sort((a, b) => b.earliest - a.earliest);
  }

  private c(rule: TimingRule, allows: number): void {
    if (allows > this.bound) {
      this.bound = allows;
      this.binding = rule;
    }
    if (this.collected !== undefined && allows > this.probe) this.collected.push({ rule, earliest: allows });
  }

  /** Exits from power-down, self-refresh and off delay every ordinary command. */
  private awake(): void {
    this.c('tXP', this.s.pdxAt + this.t.tXP);
    this.c('tXSR', this.s.srefexAt + this.t.tXSR);
    this.c('powerUp', this.s.poweredAt);
  }

  private prechargeOf(b: number): void {
    const s = this.s;
    this.c('tRAS', s.actAt[b]! + this.t.tRAS);
    this.c('tRTP', s.rdAt[b]! + this.t.rdToPre);
    this.c('tWR', s.wrAt[b]! + this.t.wrToPre);
  }

  /** All banks closed long enough (before REF, self-refresh, power-down). */
  private allPrecharged(): void {
    const s = this.s;
    for (let b = 0; b < s.banks; b++) this.c('tRP', s.preAt[b]! + this.t.tRPpb);
    this.c('tRPab', s.preaAt + this.t.tRPab);
  }

  private evaluate(cmd: DramCmd, b: number): void {
    const s = this.s;
    const t = this.t;
    this.c('order', s.lastCmdAt);
    switch (cmd) {
      case Cmd.ACT:
        this.awake();
        this.c('tRP', s.preAt[b]! + t.tRPpb);
        this.c('tRPab', s.preaAt + t.tRPab);
        this.c('tRC', s.actAt[b]! + t.tRC);
        this.c('tRRD', s.lastActAny + t.tRRD);
        this.c('tFAW', s.faw[s.fawNext]! + t.tFAW);
        this.c('tRFC', s.refreshEnd);
        return;
      case Cmd.RD:
        this.awake();
        this.c('tRCD', s.actAt[b]! + t.tRCD);
        this.c('tCCD', Math.max(s.lastRdAny, s.lastWrAny) + t.tCCD);
        this.c('tWTR', s.lastWrAny + t.wrToRd);
        this.c('dataBus', s.busFreeAt - t.RL);
        return;
      case Cmd.WR:
        this.awake();
        this.c('tRCD', s.actAt[b]! + t.tRCD);
        this.c('tCCD', Math.max(s.lastRdAny, s.lastWrAny) + t.tCCD);
        this.c('dataBus', s.busFreeAt - t.wrData);
        return;
      case Cmd.PRE:
        this.awake();
        if (s.openRow[b]! >= 0) this.prechargeOf(b);
        return;
      case Cmd.PREA:
        this.awake();
        for (let k = 0; k < s.banks; k++) if (s.openRow[k]! >= 0) this.prechargeOf(k);
        return;
      case Cmd.REF:
        this.awake();
        this.allPrecharged();
        this.c('tRFC', s.refreshEnd);
        return;
      case Cmd.PDE:
        // As DRAMPower's earliestPossiblePowerDownEntryTime: after the last ACT's
        // tRCD, the last PRE's tRP and the end of any refresh; and after data.
        for (let k = 0; k < s.banks; k++) this.c('tRCD', s.actAt[k]! + t.tRCD);
        this.allPrecharged();
        this.c('tRFC', s.refreshEnd);
        this.c('dataBus', s.busFreeAt);
        this.c('tCKE', s.pdxAt + t.tCKE);
        this.c('tXSR', s.srefexAt + t.tXSR);
        this.c('powerUp', s.poweredAt);
        return;
      case Cmd.PDX:
        this.c('tCKE', s.pdeAt + t.tCKE);
        return;
      case Cmd.SREFEN:
        this.awake();
        this.allPrecharged();
        this.c('tRFC', s.refreshEnd);
        this.c('dataBus', s.busFreeAt);
        return;
      case Cmd.SREFEX:
        this.c('tSR', s.srefenAt + t.tSR);
        // The refresh counted at entry must finish before exit.
        this.c('tRFC', s.srefenAt + t.tRFC);
        return;
      case Cmd.POWER_OFF:
        this.c('dataBus', s.busFreeAt);
        return;
      case Cmd.POWER_ON:
        return;
    }
  }
}
