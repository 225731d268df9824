import type { ActivityCounters } from './activity.js';
import { PowerState } from './bank-state.js';
import type { Lpddr4Channel } from './channel.js';
import { Cmd, type DramCmd } from './commands.js';

/**
 * What one channel does while no transfer is running: refresh when due, and,
 * when asleep, follow an idle plan (power-down, self-refresh, off, exit).
 * Events are processed lazily up to the time the caller asks for, so an idle
 * period costs nothing until time advances. Refreshes that repeat identically
 * (same commands, same state) are added k at a time from one measured period:
 * an idle period of any length costs O(1) work when no command sink is
 * attached; with a sink every command is issued (and emitted) in a loop.
 */

/** Cycles at which the plan's transitions happen; Infinity = never. */
export interface IdlePlan {
  pdAt: number;
  srAt: number;
  offAt: number;
  /** Start of the exit sequence so that the device is ready at the known wake time. */
  exitAt: number;
}
export const NO_PLAN: Readonly<IdlePlan> = { pdAt: Infinity, srAt: Infinity, offAt: Infinity, exitAt: Infinity };

const Phase = { AWAKE: 0, POWER_DOWN: 1, SELF_REFRESH: 2, OFF: 3 } as const;
type Phase = (typeof Phase)[keyof typeof Phase];

/** Queue steps: a command, or a conditional one decided when it runs. */
const PREA_IF_OPEN = -1;
const PDX_IF_DOWN = -2;
const EXIT = -3;
type Op = DramCmd | typeof PREA_IF_OPEN | typeof PDX_IF_DOWN | typeof EXIT;
interface Step {
  op: Op;
  notBefore: number;
}

const IdleEvent = { NONE: 0, REFRESH: 1, ENTER_PD: 2, ENTER_SR: 3, ENTER_OFF: 4, EXIT: 5 } as const;
type IdleEvent = (typeof IdleEvent)[keyof typeof IdleEvent];

interface PeriodMark {
  due: number;
  phase: Phase;
  at: ActivityCounters;
  delta: ActivityCounters | undefined;
}

export class IdleController {
  private phase: Phase = Phase.AWAKE;
  private plan: IdlePlan = NO_PLAN;
  private queue: Step[] = [];
  private mark: PeriodMark | undefined;
  /** The kind of event `nextEvent` found. */
  private nextKind: IdleEvent = IdleEvent.NONE;

  constructor(private readonly ch: Lpddr4Channel) {}

  /** A copy driving `channel` (a clone of this one's channel). */
  cloneFor(channel: Lpddr4Channel): IdleController {
    const c = new IdleController(channel);
    c.phase = this.phase;
    c.plan = { ...this.plan };
    c.queue = this.queue.map((s) => ({ ...s }));
    return c;
  }

  get asleep(): boolean {
    return this.phase !== Phase.AWAKE || this.plan.pdAt < Infinity || this.plan.srAt < Infinity || this.plan.offAt < Infinity;
  }

  /** Follow `plan` from now on (its times are absolute cycles). */
  sleep(plan: IdlePlan): void {
    this.plan = { ...plan };
    this.mark = undefined;
  }

  /** Process everything due up to cycle T and account background to T. */
  play(T: number): void {
    for (;;) {
      if (this.queue.length > 0) {
        const c = this.stepCycle(this.queue[0]!);
        const exitAt = this.plan.exitAt;
        if (exitAt <= T && exitAt < c) {
          this.beginExit(exitAt);
          continue;
        }
        if (c > T) break;
        this.execute(this.queue.shift()!, c);
        continue;
      }
      const e = this.nextEvent();
      if (e > T) break;
      this.handle(this.nextKind, e, T);
    }
    this.ch.accrueTo(T);
  }

  /** Leave any low-power state at cycle T (now); returns the cycle the channel accepts commands. */
  wake(T: number): number {
    this.play(T);
    if (this.asleep) this.beginExit(T);
    this.flush();
    this.mark = undefined;
    return Math.max(T, this.ch.readyCycle());
  }

  /**
   * Run every pending step at its earliest cycle (before a transfer uses the channel). A transfer ends any run
   * of steady refresh periods: a period holding one is not idle, and its counters must never be repeated.
   */
  flush(): void {
    this.mark = undefined;
    while (this.queue.length > 0) {
      const step = this.queue.shift()!;
      this.execute(step, this.stepCycle(step));
    }
  }

  private beginExit(at: number): void {
    this.queue = this.queue.filter((s) => s.op !== Cmd.PDE && s.op !== Cmd.SREFEN && s.op !== Cmd.POWER_OFF);
    this.queue.push({ op: EXIT, notBefore: at });
    this.phase = Phase.AWAKE;
    this.plan = NO_PLAN;
    this.mark = undefined;
  }

  /** The cycle of the next idle event; its kind is left in `nextKind` (no tuple, no closure: this runs before every transfer). */
  private nextEvent(): number {
    const p = this.plan;
    let e = Infinity;
    let kind: IdleEvent = IdleEvent.NONE;
    switch (this.phase) {
      case Phase.AWAKE:
        if (p.pdAt < e && p.pdAt < p.srAt) {
          e = p.pdAt;
          kind = IdleEvent.ENTER_PD;
        }
        if (p.srAt < e) {
          e = p.srAt;
          kind = IdleEvent.ENTER_SR;
        }
        if (p.offAt < e) {
          e = p.offAt;
          kind = IdleEvent.ENTER_OFF;
        }
        break;
      case Phase.POWER_DOWN:
        if (p.srAt < e) {
          e = p.srAt;
          kind = IdleEvent.ENTER_SR;
        }
        if (p.exitAt < e) {
          e = p.exitAt;
          kind = IdleEvent.EXIT;
        }
        break;
      default:
        if (p.exitAt < e) {
          e = p.exitAt;
          kind = IdleEvent.EXIT;
        }
    }
    // On a tie the transition goes first: entering self-refresh (or off) makes the refresh
    // unnecessary, and entering power-down first keeps the rows' precharge with the entry.
    const due = this.ch.state.nextRefreshDue;
    if ((this.phase === Phase.AWAKE || this.phase === Phase.POWER_DOWN) && due < e) {
      e = due;
      kind = IdleEvent.REFRESH;
    }
    this.nextKind = kind;
    return e;
  }

  private handle(kind: IdleEvent, e: number, T: number): void {
    if (kind !== IdleEvent.REFRESH) this.mark = undefined;
    switch (kind) {
      case IdleEvent.REFRESH: {
        const at = this.skipSteadyPeriods(e, T);
        if (this.phase === Phase.POWER_DOWN) this.push(at, PDX_IF_DOWN, PREA_IF_OPEN, Cmd.REF, Cmd.PDE);
        else this.push(at, PREA_IF_OPEN, Cmd.REF);
        this.ch.state.nextRefreshDue = at + this.ch.timing.tREFI;
        return;
      }
      case IdleEvent.ENTER_PD:
        this.phase = Phase.POWER_DOWN;
        this.push(e, PREA_IF_OPEN, Cmd.PDE);
        return;
      case IdleEvent.ENTER_SR:
        this.phase = Phase.SELF_REFRESH;
        this.push(e, PDX_IF_DOWN, PREA_IF_OPEN, Cmd.SREFEN);
        return;
      case IdleEvent.ENTER_OFF:
        this.phase = Phase.OFF;
        this.push(e, Cmd.POWER_OFF);
        return;
      case IdleEvent.EXIT:
        this.beginExit(e);
        return;
    }
  }

  private push(notBefore: number, ...ops: Op[]): void {
    for (const op of ops) this.queue.push({ op, notBefore });
  }

  /**
   * At a refresh due at `e` with nothing else pending: if the last two refresh
   * periods changed the counters identically, the ones before the next other
   * event (or T) will too; add them at once and translate the channel's times.
   * Returns the due cycle of the refresh to issue now.
   */
  private skipSteadyPeriods(e: number, T: number): number {
    const ch = this.ch;
    if (ch.sink !== undefined || this.queue.length > 0) {
      this.mark = undefined;
      return e;
    }
    const P = ch.timing.tREFI;
    ch.accrueTo(e);
    const now = ch.activity.clone();
    const m = this.mark;
    if (m === undefined || m.phase !== this.phase || m.due + P !== e) {
      this.mark = { due: e, phase: this.phase, at: now, delta: undefined };
      return e;
    }
    const delta = now.minus(m.at);
    let due = e;
    if (m.delta !== undefined && m.delta.equals(delta)) {
      const bound = Math.min(T, this.nextTransition());
      const k = Math.floor((bound - e) / P);
      if (k >= 1) {
        ch.activity.addScaled(delta, k);
        ch.state.shiftTime(k * P);
        due = e + k * P;
      }
    }
    this.mark = { due, phase: this.phase, at: ch.activity.clone(), delta };
    return due;
  }

  private nextTransition(): number {
    const p = this.plan;
    return this.phase === Phase.AWAKE ? Math.min(p.pdAt, p.srAt, p.offAt) : Math.min(p.srAt, p.exitAt);
  }

  private stepCycle(step: Step): number {
    const ch = this.ch;
    const s = ch.state;
    switch (step.op) {
      case PREA_IF_OPEN:
        return s.openBanks === 0 ? Math.max(step.notBefore, s.lastCmdAt) : Math.max(step.notBefore, ch.rules.earliest(Cmd.PREA, 0));
      case PDX_IF_DOWN:
        return isDown(s.power) ? Math.max(step.notBefore, ch.rules.earliest(Cmd.PDX, 0)) : Math.max(step.notBefore, s.lastCmdAt);
      case EXIT: {
        const cmd = exitCommand(s.power);
        return Math.max(step.notBefore, cmd === undefined ? s.lastCmdAt : ch.rules.earliest(cmd, 0));
      }
      default:
        return Math.max(step.notBefore, ch.rules.earliest(step.op, 0));
    }
  }

  private execute(step: Step, c: number): void {
    const ch = this.ch;
    const s = ch.state;
    switch (step.op) {
      case PREA_IF_OPEN:
        if (s.openBanks > 0) ch.apply(Cmd.PREA, 0, 0, 0, c);
        return;
      case PDX_IF_DOWN:
        if (isDown(s.power)) ch.apply(Cmd.PDX, 0, 0, 0, c);
        return;
      case EXIT: {
        const cmd = exitCommand(s.power);
        if (cmd !== undefined) ch.apply(cmd, 0, 0, 0, c);
        return;
      }
      default:
        ch.apply(step.op, 0, 0, 0, c);
    }
  }
}

function isDown(p: PowerState): boolean {
  return p === PowerState.ACTIVE_PD || p === PowerState.PRECHARGE_PD;
}

function exitCommand(p: PowerState): DramCmd | undefined {
  if (isDown(p)) return Cmd.PDX;
  if (p === PowerState.SELF_REFRESH) return Cmd.SREFEX;
  if (p === PowerState.OFF) return Cmd.POWER_ON;
  return undefined;
}
