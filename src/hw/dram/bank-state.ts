/**
 * What one channel remembers between commands: which row each bank has open,
 * when each kind of command last happened (the timing rules measure from
 * these), the power state and the refresh schedule. Times are cycles;
 * -Infinity means "never". Plain numbers and typed arrays: the scheduling
 * loop reads these for every burst.
 */

export const PowerState = {
  STANDBY: 0,
  ACTIVE_PD: 1,
  PRECHARGE_PD: 2,
  SELF_REFRESH: 3,
  OFF: 4,
} as const;
export type PowerState = (typeof PowerState)[keyof typeof PowerState];

const NEVER = -Infinity;

export class ChannelState {
  /** Open row per bank, -1 when closed. */
  readonly openRow: Int32Array;
  readonly actAt: Float64Array;
  readonly preAt: Float64Array;
  readonly rdAt: Float64Array;
  readonly wrAt: Float64Array;
  openBanks = 0;
  lastActAny = NEVER;
  /** Cycles of the last four ACTs (ring); fawNext indexes the oldest. */
  readonly faw = new Float64Array(4).fill(NEVER);
  fawNext = 0;
  lastRdAny = NEVER;
  lastWrAny = NEVER;
  /** Cycle after the last data beat on the bus. */
  busFreeAt = NEVER;
  preaAt = NEVER;
  /** End of the refresh in progress (REF or the one at self-refresh entry). */
  refreshEnd = NEVER;
  pdeAt = NEVER;
  pdxAt = NEVER;
  srefenAt = NEVER;
  srefexAt = NEVER;
  /** End of the power-up sequence after POWER_ON. */
  poweredAt = NEVER;
  /** Commands are issued in non-decreasing cycle order. */
  lastCmdAt = 0;
  /** Background (state residency) is accounted up to this cycle. */
  accruedTo = 0;
  power: PowerState = PowerState.STANDBY;
  /** Cycle at which the next all-bank refresh is due. */
  nextRefreshDue: number;

  constructor(readonly banks: number, tREFI: number) {
    this.openRow = new Int32Array(banks).fill(-1);
    this.actAt = new Float64Array(banks).fill(NEVER);
    this.preAt = new Float64Array(banks).fill(NEVER);
    this.rdAt = new Float64Array(banks).fill(NEVER);
    this.wrAt = new Float64Array(banks).fill(NEVER);
    this.nextRefreshDue = tREFI;
  }

  clone(): ChannelState {
    const c = new ChannelState(this.banks, 0);
    c.openRow.set(this.openRow);
    c.actAt.set(this.actAt);
    c.preAt.set(this.preAt);
    c.rdAt.set(this.rdAt);
    c.wrAt.set(this.wrAt);
    c.faw.set(this.faw);
    for (const k of SCALARS) c[k] = this[k];
    c.openBanks = this.openBanks;
    c.fawNext = this.fawNext;
    c.power = this.power;
    return c;
  }

  /**
   * Move every remembered time by `d` cycles. A pure time translation: used to
   * skip identical refresh periods of a long idle in O(1).
   */
  shiftTime(d: number): void {
    for (const a of [this.actAt, this.preAt, this.rdAt, this.wrAt, this.faw]) {
      for (let i = 0; i < a.length; i++) a[i] = (a[i] ?? NEVER) + d;
    }
    for (const k of SCALARS) this[k] += d;
  }

  /** Close every bank without a precharge (power loss). */
  dropRows(): void {
    this.openRow.fill(-1);
    this.openBanks = 0;
  }
}

const SCALARS = [
  'lastActAny', 'lastRdAny', 'lastWrAny', 'busFreeAt', 'preaAt', 'refreshEnd', 'pdeAt', 'pdxAt',
  'srefenAt', 'srefexAt', 'poweredAt', 'lastCmdAt', 'accruedTo', 'nextRefreshDue',
] as const satisfies readonly (keyof ChannelState)[];
