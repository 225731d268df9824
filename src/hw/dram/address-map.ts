import type { DramParams } from './spec.js';

/**
 * Where a byte lives. Global addresses are dealt to channels in chunks of
 * `interleave_B` bytes (chunk k goes to channel k mod channels). Inside a
 * channel the burst index k = local address / burst bytes splits as
 *   k = ((row × banks) + bank) × burstsPerRow + burst-in-row
 * (row | bank | column, low bits on the right): a sequential stream reads a
 * whole row (64 bursts, 2 KiB by default) before moving to the next bank, so it
 * sees row hits, and the next bank's row can be opened while this one streams.
 */
export class AddressMap {
  /** Bytes moved by one burst: channelWidth_bits × burstLength / 8. */
  readonly burstBytes: number;
  readonly burstsPerRow: number;
  /** Bursts one channel holds. */
  readonly channelBursts: number;
  private readonly channels: number;
  private readonly interleave: number;
  private readonly banks: number;

  constructor(p: DramParams) {
    this.burstBytes = (p.channelWidth_bits * p.burstLength) / 8;
    this.burstsPerRow = p.columns / p.burstLength;
    this.channels = p.channels;
    this.interleave = p.interleave_B;
    this.banks = p.banks;
    this.channelBursts = this.burstsPerRow * p.banks * p.rows;
  }

  /** Bytes the whole device holds. */
  capacity_B(): number {
    return this.channelBursts * this.burstBytes * this.channels;
  }

  /**
   * The part of global range [address, address + bytes) that lies in channel
   * `ch`, as a local byte range [lo, hi) (contiguous: consecutive chunks of one
   * channel are consecutive locally), or undefined when the range misses it.
   */
  channelRange(address: number, bytes: number, ch: number): { lo: number; hi: number } | undefined {
    const I = this.interleave;
    const C = this.channels;
    const end = address + bytes;
    const firstChunk = Math.floor(address / I);
    const lastChunk = Math.floor((end - 1) / I);
    const k1 = firstChunk + ((((ch - firstChunk) % C) + C) % C);
    const k2 = lastChunk - ((((lastChunk - ch) % C) + C) % C);
    if (k1 > lastChunk || k2 < firstChunk) return undefined;
    const lo = Math.floor(k1 / C) * I + (k1 === firstChunk ? address - firstChunk * I : 0);
    const hi = Math.floor(k2 / C) * I + (k2 === lastChunk ? end - lastChunk * I : I);
    return { lo, hi };
  }

  bankOf(burst: number): number {
    return Math.floor(burst / this.burstsPerRow) % this.banks;
  }

  rowOf(burst: number): number {
    return Math.floor(burst / (this.burstsPerRow * this.banks));
  }

  /** Column address of the burst's first beat. */
  columnOf(burst: number, burstLength: number): number {
    return (burst % this.burstsPerRow) * burstLength;
  }
}
