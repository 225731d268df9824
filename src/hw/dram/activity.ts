import { PowerState, type ChannelState } from './bank-state.js';

/**
 * What a channel has done, as plain counts: cycles spent in each background
 * state and commands issued. Energy and residency are linear in these, so a
 * long idle can be added as k times one measured period.
 */
export class ActivityCounters {
  /** Cycles with at least one bank open or a refresh running, CKE high. */
  rankActive_cycles = 0;
  /** Sum over banks of cycles open (or refreshing), CKE high (DRAMPower's bank-wise term). */
  bankActive_cycles = 0;
  prechargeStandby_cycles = 0;
  activePowerDown_cycles = 0;
  prechargePowerDown_cycles = 0;
  selfRefresh_cycles = 0;
  /** Part of rankActive_cycles: the refresh window at self-refresh entry while CKE is low (the clock may stop). */
  selfRefreshEntryRefresh_cycles = 0;
  off_cycles = 0;
  act = 0;
  /** Banks closed by PRE or PREA (energy is per bank closed). */
  pre = 0;
  /** PRE commands issued (a CA bus command even when its bank was already closed). */
  preCommands = 0;
  prea = 0;
  rd = 0;
  wr = 0;
  /** All-bank refreshes, including the one at each self-refresh entry. */
  ref = 0;
  pde = 0;
  pdx = 0;
  srefen = 0;
  srefex = 0;
  powerOff = 0;
  powerOn = 0;

  clone(): ActivityCounters {
    return Object.assign(new ActivityCounters(), this);
  }

  /** this += k × other */
  addScaled(other: ActivityCounters, k: number): void {
    for (const key of KEYS) this[key] += k * other[key];
  }

  /** this − other, as new counters. */
  minus(other: ActivityCounters): ActivityCounters {
    const d = new ActivityCounters();
    for (const key of KEYS) d[key] = this[key] - other[key];
    return d;
  }

  equals(other: ActivityCounters): boolean {
    return KEYS.every((key) => this[key] === other[key]);
  }

  /** Cycles accounted in any background state (equals elapsed cycles). */
  totalCycles(): number {
    return (
      this.rankActive_cycles +
      this.prechargeStandby_cycles +
      this.activePowerDown_cycles +
      this.prechargePowerDown_cycles +
      this.selfRefresh_cycles +
      this.off_cycles
    );
  }
}

type CounterKey = { [K in keyof ActivityCounters]: ActivityCounters[K] extends number ? K : never }[keyof ActivityCounters];
/** The numeric fields (own properties; methods live on the prototype). */
const KEYS = Object.keys(new ActivityCounters()) as CounterKey[];

/**
 * Account background state from `s.accruedTo` up to cycle `to`. Called before
 * every command (which may change the state) and when time advances. A
 * refresh window counts as active with every bank busy, as in DRAMPower; it
 * never overlaps power-down (power-down entry waits for the refresh to end).
 */
export function accrue(s: ChannelState, a: ActivityCounters, to: number): void {
  let from = s.accruedTo;
  if (to <= from) return;
  if (s.refreshEnd > from) {
    const until = Math.min(to, s.refreshEnd);
    const d = until - from;
    a.rankActive_cycles += d;
    a.bankActive_cycles += s.banks * d;
    if (s.power === PowerState.SELF_REFRESH) a.selfRefreshEntryRefresh_cycles += d;
    from = until;
  }
  const d = to - from;
  if (d > 0) {
    switch (s.power) {
      case PowerState.STANDBY:
        if (s.openBanks > 0) {
          a.rankActive_cycles += d;
          a.bankActive_cycles += s.openBanks * d;
        } else {
          a.prechargeStandby_cycles += d;
        }
        break;
      case PowerState.ACTIVE_PD:
        a.activePowerDown_cycles += d;
        break;
      case PowerState.PRECHARGE_PD:
        a.prechargePowerDown_cycles += d;
        break;
      case PowerState.SELF_REFRESH:
        a.selfRefresh_cycles += d;
        break;
      case PowerState.OFF:
        a.off_cycles += d;
        break;
    }
  }
  s.accruedTo = to;
}
