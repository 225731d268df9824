import type { AddressMap } from './address-map.js';
import type { Lpddr4Channel } from './channel.js';
import { Cmd } from './commands.js';

/**
 * Turns a run of bursts on one channel into commands, each at its earliest
 * legal cycle, in one loop (no simulator events). Open-page policy: a row
 * stays open until another row of its bank or a refresh needs the bank. While
 * a row streams, the next row's PRE/ACT (in another bank) are slipped in
 * wherever they fit before the next column command, so the stream sees no
 * tRCD gap. An all-bank refresh (PREA, REF) is inserted whenever the next
 * command would fall at or after the refresh due time.
 */
export class BurstScheduler {
  bursts = 0;
  rowHits = 0;
  rowMisses = 0;
  /** Per bank: has a burst used the row since its ACT? (a first use is a row miss) */
  private readonly used: Uint8Array;
  /** The next segment's bank and row (bank −1: none, or the same bank). */
  private nextBank = -1;
  private nextRow = 0;
  /** Still to be opened ahead: nextBank, or −1 once done. */
  private aheadBank = -1;

  constructor(
    private readonly ch: Lpddr4Channel,
    private readonly map: AddressMap,
  ) {
    this.used = new Uint8Array(ch.params.banks);
  }

  /**
   * Issue RD or WR for bursts [first, end) of this channel, none before cycle
   * `notBefore`. Returns the cycle after the last data beat.
   */
  run(cmd: typeof Cmd.RD | typeof Cmd.WR, first: number, end: number, notBefore: number): number {
    const map = this.map;
    if (end > map.channelBursts) {
      throw new RangeError(`DRAM burst ${end - 1} is beyond the channel's ${map.channelBursts} bursts (address out of range)`);
    }
    const bpr = map.burstsPerRow;
    const bl = this.ch.params.burstLength;
    let done = notBefore;
    let k = first;
    while (k < end) {
      const bank = map.bankOf(k);
      const row = map.rowOf(k);
      const segEnd = Math.min(end, (Math.floor(k / bpr) + 1) * bpr);
      this.nextBank = segEnd < end && map.bankOf(segEnd) !== bank ? map.bankOf(segEnd) : -1;
      this.nextRow = segEnd < end ? map.rowOf(segEnd) : 0;
      this.aheadBank = this.nextBank;
      for (; k < segEnd; k++) {
        done = this.column(cmd, bank, row, map.columnOf(k, bl), notBefore);
        // The row hits before the next row's PRE/ACT can go out (all of them once it is open) are a stream: in closed form.
        const n = this.ch.streamHits(cmd, bank, segEnd - k - 1, this.aheadLimit(notBefore));
        if (n > 0) {
          k += n;
          this.bursts += n;
          this.rowHits += n;
          done = this.ch.state.busFreeAt;
        }
      }
    }
    this.aheadBank = this.nextBank = -1;
    return done;
  }

  private column(cmd: typeof Cmd.RD | typeof Cmd.WR, bank: number, row: number, col: number, nb: number): number {
    const ch = this.ch;
    const s = ch.state;
    for (;;) {
      if (s.openRow[bank] !== row) this.open(bank, row, nb);
      const c = Math.max(nb, ch.rules.earliest(cmd, bank));
      if (c >= s.nextRefreshDue) {
        this.refresh(nb);
        continue;
      }
      if (this.aheadBank >= 0) this.openAhead(c, nb);
      ch.apply(cmd, bank, row, col, c);
      this.bursts++;
      if (this.used[bank] === 1) this.rowHits++;
      else {
        this.used[bank] = 1;
        this.rowMisses++;
      }
      return s.busFreeAt;
    }
  }

  /** Make `row` the open row of `bank` (PRE of another row, then ACT). */
  private open(bank: number, row: number, nb: number): void {
    const ch = this.ch;
    const s = ch.state;
    for (;;) {
      const current = s.openRow[bank]!;
      if (current === row) return;
      const cmd = current >= 0 ? Cmd.PRE : Cmd.ACT;
      const c = Math.max(nb, ch.rules.earliest(cmd, bank));
      if (c >= s.nextRefreshDue) {
        this.refresh(nb);
        continue;
      }
      ch.apply(cmd, bank, row, 0, c);
      if (cmd === Cmd.ACT) {
        this.used[bank] = 0;
        return;
      }
    }
  }

  /**
   * The cycle before which no column command lets `openAhead` issue anything: the next row's PRE or ACT waits for
   * its own rules (which the current row's column commands do not touch) and for the command before it, so every
   * column command earlier than that cycle is a plain row hit. Infinity when nothing is to be opened ahead, or when
   * the next command must wait for the refresh (streamHits stops at the refresh anyway).
   */
  private aheadLimit(nb: number): number {
    const bank = this.aheadBank;
    if (bank < 0) return Infinity;
    const ch = this.ch;
    const current = ch.state.openRow[bank]!;
    if (current === this.nextRow) return Infinity;
    const e = Math.max(nb, ch.rules.earliest(current >= 0 ? Cmd.PRE : Cmd.ACT, bank));
    return e + ch.timing.tRAS >= ch.state.nextRefreshDue ? Infinity : e;
  }

  /**
   * Issue the next row's PRE/ACT where they fit at or before cycle `limit`
   * (the next column command), keeping commands in time order. An ACT that a
   * refresh would close before use (and whose tRAS would delay that refresh)
   * waits until after the refresh.
   */
  private openAhead(limit: number, nb: number): void {
    const ch = this.ch;
    const s = ch.state;
    const bank = this.aheadBank;
    for (;;) {
      const current = s.openRow[bank]!;
      if (current === this.nextRow) {
        this.aheadBank = -1;
        return;
      }
      const cmd = current >= 0 ? Cmd.PRE : Cmd.ACT;
      const c = Math.max(nb, ch.rules.earliest(cmd, bank));
      if (c > limit || c + ch.timing.tRAS >= s.nextRefreshDue) return;
      ch.apply(cmd, bank, this.nextRow, 0, c);
      if (cmd === Cmd.ACT) {
        this.used[bank] = 0;
        this.aheadBank = -1;
        return;
      }
    }
  }

  /** The refresh that is due: precharge all (if a row is open), then REF; the schedule moves on by tREFI. */
  refresh(nb: number): void {
    const ch = this.ch;
    const s = ch.state;
    const due = s.nextRefreshDue;
    if (s.openBanks > 0) ch.apply(Cmd.PREA, 0, 0, 0, Math.max(nb, due, ch.rules.earliest(Cmd.PREA, 0)));
    ch.apply(Cmd.REF, 0, 0, 0, Math.max(nb, due, ch.rules.earliest(Cmd.REF, 0)));
    s.nextRefreshDue = due + ch.timing.tREFI;
    // The refresh closed every row, including one opened ahead.
    this.aheadBank = this.nextBank;
  }
}
