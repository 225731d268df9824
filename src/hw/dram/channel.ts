import { ActivityCounters, accrue } from './activity.js';
import { ChannelState, PowerState } from './bank-state.js';
import { Cmd, type DramCmd, type DramCommandSink, type TraceCommandName } from './commands.js';
import { DramEnergyModel } from './energy.js';
import type { DramParams, EnergyTerm } from './spec.js';
import { deriveTiming, type DramTiming } from './timing.js';
import { DramStateError, DramTimingError, TimingRules, stateProblem } from './timing-rules.js';

export interface ChannelOptions {
  /** Channel number written to the command sink. */
  index?: number;
  sink?: DramCommandSink;
  /**
   * Refuse commands that break a timing rule (default true). Off only to replay
   * foreign command lists that do not obey their own timings (DRAMPower's
   * unit-test patterns); bank and power state are always checked.
   */
  checkTiming?: boolean;
}

/**
 * The command-level engine of one LPDDR4 channel: `issue` applies a command at
 * a cycle (refusing one that breaks a rule, naming the rule), `earliest` gives
 * the first legal cycle, and the activity counters feed the energy model.
 */
export class Lpddr4Channel {
  readonly timing: DramTiming;
  readonly state: ChannelState;
  readonly activity: ActivityCounters;
  readonly rules: TimingRules;
  readonly index: number;
  sink: DramCommandSink | undefined;
  /** Set when power is removed; the owner clears it once the contents are restored. */
  contentsLost = false;
  private readonly checkTiming: boolean;

  constructor(
    readonly params: DramParams,
    options: ChannelOptions = {},
    readonly energyModel: DramEnergyModel = new DramEnergyModel(params),
    from?: { state: ChannelState; activity: ActivityCounters },
  ) {
    this.timing = deriveTiming(params);
    this.state = from?.state ?? new ChannelState(params.banks, this.timing.tREFI);
    this.activity = from?.activity ?? new ActivityCounters();
    this.rules = new TimingRules(this.timing, this.state);
    this.index = options.index ?? 0;
    this.sink = options.sink;
    this.checkTiming = options.checkTiming ?? true;
  }

  /** An independent copy without a sink (to try an idle policy). */
  clone(): Lpddr4Channel {
    const c = new Lpddr4Channel(this.params, { index: this.index, checkTiming: this.checkTiming }, this.energyModel, {
      state: this.state.clone(),
      activity: this.activity.clone(),
    });
    c.contentsLost = this.contentsLost;
    return c;
  }

  /** First cycle at which `cmd` is legal; throws DramStateError when no cycle is. */
  earliest(cmd: DramCmd, bank = 0): number {
    const problem = stateProblem(this.state, cmd, bank);
    if (problem !== undefined) throw new DramStateError(cmd, problem);
    return this.rules.earliest(cmd, bank);
  }

  /** Issue `cmd` at `cycle`; throws DramTimingError naming the rules it breaks. */
  issue(cmd: DramCmd, bank: number, row: number, column: number, cycle: number): void {
    if (!Number.isInteger(cycle)) throw new RangeError(`cycle ${cycle} is not an integer`);
    const problem = stateProblem(this.state, cmd, bank);
    if (problem !== undefined) throw new DramStateError(cmd, problem);
    if (this.checkTiming && cycle < this.rules.earliest(cmd, bank)) {
      throw new DramTimingError(cmd, cycle, this.rules.violations(cmd, bank, cycle));
    }
    this.apply(cmd, bank, row, column, cycle);
  }

  /** Apply a command known to be legal (the scheduler computed its cycle with `rules.earliest`). */
  apply(cmd: DramCmd, bank: number, row: number, column: number, cycle: number): void {
    const s = this.state;
    const a = this.activity;
    const t = this.timing;
    accrue(s, a, cycle);
    if (cycle > s.lastCmdAt) s.lastCmdAt = cycle;
    let name: TraceCommandName;
    switch (cmd) {
      case Cmd.ACT:
        s.openRow[bank] = row;
        s.openBanks++;
        s.actAt[bank] = cycle;
        s.lastActAny = cycle;
        s.faw[s.fawNext] = cycle;
        s.fawNext = (s.fawNext + 1) & 3;
        a.act++;
        name = 'ACT';
        break;
      case Cmd.RD:
        s.rdAt[bank] = cycle;
        s.lastRdAny = cycle;
        s.busFreeAt = cycle + t.RL + t.burst;
        a.rd++;
        name = 'RD';
        break;
      case Cmd.WR:
        s.wrAt[bank] = cycle;
        s.lastWrAny = cycle;
        s.busFreeAt = cycle + t.wrData + t.burst;
        a.wr++;
        name = 'WR';
        break;
      case Cmd.PRE:
        if (s.openRow[bank]! >= 0) this.close(bank, cycle);
        a.preCommands++;
        name = 'PRE';
        break;
      case Cmd.PREA:
        for (let b = 0; b < s.banks; b++) if (s.openRow[b]! >= 0) this.close(b, cycle);
        s.preaAt = cycle;
        a.prea++;
        name = 'PREA';
        break;
      case Cmd.REF:
        s.refreshEnd = cycle + t.tRFC;
        a.ref++;
        name = 'REFA';
        break;
      case Cmd.PDE:
        s.power = s.openBanks > 0 ? PowerState.ACTIVE_PD : PowerState.PRECHARGE_PD;
        s.pdeAt = cycle;
        a.pde++;
        name = s.power === PowerState.ACTIVE_PD ? 'PDEA' : 'PDEP';
        break;
      case Cmd.PDX:
        name = s.power === PowerState.ACTIVE_PD ? 'PDXA' : 'PDXP';
        s.power = PowerState.STANDBY;
        s.pdxAt = cycle;
        a.pdx++;
        break;
      case Cmd.SREFEN:
        s.power = PowerState.SELF_REFRESH;
        s.srefenAt = cycle;
        s.refreshEnd = cycle + t.tRFC;
        a.srefen++;
        a.ref++;
        name = 'SREFEN';
        break;
      case Cmd.SREFEX:
        s.power = PowerState.STANDBY;
        s.srefexAt = cycle;
        // The device kept itself refreshed; the controller's schedule restarts.
        s.nextRefreshDue = cycle + t.tREFI;
        a.srefex++;
        name = 'SREFEX';
        break;
      case Cmd.POWER_OFF:
        s.power = PowerState.OFF;
        s.dropRows();
        s.refreshEnd = -Infinity;
        this.contentsLost = true;
        a.powerOff++;
        name = 'POWER_OFF';
        break;
      case Cmd.POWER_ON:
        s.power = PowerState.STANDBY;
        s.poweredAt = cycle + t.powerUp;
        s.nextRefreshDue = s.poweredAt + t.tREFI;
        a.powerOn++;
        name = 'POWER_ON';
        break;
      default:
        throw new Error(`unknown DRAM command ${String(cmd)}`);
    }
    this.sink?.command(this.index, cycle, name, bank, row, column);
  }

  /**
   * Continue a stream of row hits: right after `cmd` was applied to `bank`, apply up to `max` more of it to the
   * same open row, each at its earliest cycle, in closed form. Within such a run every rule but tCCD and the data
   * bus is already met and stays met, so the commands fall every max(tCCD, burst) cycles; the run stops before the
   * refresh due time (the scheduler refreshes there) and before cycle `before` (where the scheduler has another
   * command to slip in). Background accrues piecewise-linearly in time, so one accrual to the last command equals
   * one per command. Returns how many were applied (0 when the closed form does not hold, or when a command sink
   * must see every command).
   */
  streamHits(cmd: typeof Cmd.RD | typeof Cmd.WR, bank: number, max: number, before = Infinity): number {
    const s = this.state;
    const t = this.timing;
    if (this.sink !== undefined || max <= 0) return 0;
    const prev = cmd === Cmd.RD ? s.rdAt[bank]! : s.wrAt[bank]!;
    if (prev !== s.lastCmdAt || prev !== (cmd === Cmd.RD ? s.lastRdAny : s.lastWrAny)) return 0;
    const step = Math.max(t.tCCD, t.burst);
    const first = this.rules.earliest(cmd, bank);
    if (first !== prev + step) return 0;
    const n = Math.min(max, Math.floor((Math.min(s.nextRefreshDue, before) - 1 - first) / step) + 1);
    if (n <= 0) return 0;
    const last = first + (n - 1) * step;
    accrue(s, this.activity, last);
    s.lastCmdAt = last;
    if (cmd === Cmd.RD) {
      s.rdAt[bank] = last;
      s.lastRdAny = last;
      s.busFreeAt = last + t.RL + t.burst;
      this.activity.rd += n;
    } else {
      s.wrAt[bank] = last;
      s.lastWrAny = last;
      s.busFreeAt = last + t.wrData + t.burst;
      this.activity.wr += n;
    }
    return n;
  }

  private close(bank: number, cycle: number): void {
    this.state.openRow[bank] = -1;
    this.state.openBanks--;
    this.state.preAt[bank] = cycle;
    this.activity.pre++;
  }

  /** Account background state up to `cycle` (no-op if already there). */
  accrueTo(cycle: number): void {
    accrue(this.state, this.activity, cycle);
  }

  /** First cycle at which the channel accepts an ordinary command after exits and power-up. */
  readyCycle(): number {
    const s = this.state;
    const t = this.timing;
    return Math.max(s.pdxAt + t.tXP, s.srefexAt + t.tXSR, s.poweredAt, 0);
  }

  energy_J(): Record<EnergyTerm, number> {
    return this.energyModel.energy(this.activity);
  }

  totalEnergy_J(): number {
    return this.energyModel.total(this.activity);
  }
}
