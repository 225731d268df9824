import type { Picoseconds } from '../../engine/time.js';

/**
 * Banks with word interleaving: word w lives in bank w mod banks, and a bank serves one
 * access at a time (not pipelined: NVSim reports one access latency per array, and the bank
 * is assumed busy for all of it). Consecutive words therefore spread over the banks, while
 * two requests to the same bank queue. Cost is O(banks) per request, whatever its length.
 *
 * Not modelled: a shared data bus between the banks and the reader (put a MemoryPort in
 * front for that) and address/command issue limits (one request may start on every bank
 * at once).
 */
/** The words a bit range touches: first word index and word count (0 words for an empty range). */
export function wordSpan(startBit: number, bits: number, wordBits: number): { firstWord: number; words: number } {
  if (bits <= 0) return { firstWord: Math.floor(startBit / wordBits), words: 0 };
  const firstWord = Math.floor(startBit / wordBits);
  return { firstWord, words: Math.floor((startBit + bits - 1) / wordBits) - firstWord + 1 };
}

export class InterleavedBanks {
  private readonly busyUntil: Float64Array;
  /** Time requests spent waiting for a busy bank, summed over the banks they used, ps. */
  stall_ps = 0;
  /** Time the first word of the last request was out, ps. */
  lastFirstDone: Picoseconds = 0;

  constructor(readonly banks: number) {
    if (!Number.isInteger(banks) || banks < 1) throw new Error(`banks must be a positive integer, got ${banks}`);
    this.busyUntil = new Float64Array(banks);
  }

  /**
   * Serve `words` consecutive words from word index `firstWord`, request at `t`, each
   * access holding its bank for `access_ps`. Returns the time the last word is out.
   */
  serve(firstWord: number, words: number, t: Picoseconds, access_ps: Picoseconds): Picoseconds {
    if (words <= 0) {
      this.lastFirstDone = t;
      return t;
    }
    const B = this.banks;
    const startBank = firstWord % B;
    let done = t;
    let firstDone = Number.POSITIVE_INFINITY;
    for (let b = 0; b < B; b++) {
      // Offset of bank b's first word within the request, then its share of the words.
      const offset = (b - startBank + B) % B;
      if (offset >= words) continue;
      const count = Math.floor((words - 1 - offset) / B) + 1;
      const start = Math.max(t, this.busyUntil[b]!);
      this.stall_ps += start - t;
      const end = start + count * access_ps;
      this.busyUntil[b] = end;
      if (end > done) done = end;
      if (start + access_ps < firstDone) firstDone = start + access_ps;
    }
    this.lastFirstDone = firstDone;
    return done;
  }

  /** The time every bank is free. */
  allFreeAt(): Picoseconds {
    let m = 0;
    for (let b = 0; b < this.banks; b++) m = Math.max(m, this.busyUntil[b]!);
    return m;
  }

  /** No bank accepts work before `t` (e.g. while the array wakes up). */
  blockUntil(t: Picoseconds): void {
    for (let b = 0; b < this.banks; b++) if (this.busyUntil[b]! < t) this.busyUntil[b] = t;
  }
}
