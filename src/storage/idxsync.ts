import { BitReader, BitWriter, bitsToHold, type BitStream } from './bit-stream.js';

/**
 * IdxSync: sync words that let the decoder re-align its value pointer at fixed points (see IDXSYNC.md).
 *
 * Format, for a layer of N weights in storage order (the order of the mask stream; for the NVDLA layout that is
 * NVDLA's in-group scan order, for plain bitmask and CSR it is [K][C][R][S]) and interval S:
 * - sync points are the storage positions p_j = j·S for j = 1 .. ceil(N/S) − 1 (none at 0, where every decoder
 *   starts aligned);
 * - sync word j is the number of value fields the encoder had written before reaching p_j (non-zero values for
 *   a bitmask, entries including fillers for CSR). The decoder's value pointer at p_j is that count times b
 *   bits; for CSR the index pointer is the same count times r bits, because CSR writes one value and one index
 *   per entry;
 * - every word has the same width w = max(1, ceil(log2(F + 1))) bits, F being the layer's total value fields,
 *   so the largest possible count fits;
 * - the sync stream is the words in order, j = 1 first, nothing else: (ceil(N/S) − 1)·w bits.
 */

/** Number of sync points in a layer of `weights` weights at interval S. */
export function syncPointCount(weights: number, interval: number): number {
  return Math.max(0, Math.ceil(weights / interval) - 1);
}

/** Sync points at positions < x (x >= 0): j >= 1 with j·S < x. */
export function syncPointsBefore(x: number, interval: number): number {
  return x <= 0 ? 0 : Math.ceil(x / interval) - 1;
}

/** Width of one sync word for a layer with `fields` value fields in total. */
export function syncWordBits(fields: number): number {
  return Math.max(1, bitsToHold(fields));
}

/** Collects the counts at each sync point while an encoder walks the layer in storage order. */
export class SyncRecorder {
  /** Storage position of the next sync point (Infinity when there is none). */
  next: number;
  private readonly counts: number[] = [];

  constructor(
    private readonly weights: number,
    readonly interval: number,
  ) {
    this.next = interval < weights ? interval : Infinity;
  }

  /** Call when the walk reaches position `next`, with the value fields written so far. */
  record(fieldsSoFar: number): void {
    this.counts.push(fieldsSoFar);
    const n = this.next + this.interval;
    this.next = n < this.weights ? n : Infinity;
  }

  finish(totalFields: number): { stream: BitStream; wordBits: number } {
    const wordBits = syncWordBits(totalFields);
    const w = new BitWriter(this.counts.length * wordBits);
    for (const c of this.counts) w.write(c, wordBits);
    return { stream: w.finish(), wordBits };
  }
}

/** The sync words of a layer, as the decoder reads them: counts[j − 1] belongs to position j·S. */
export function readSyncWords(stream: BitStream, weights: number, interval: number, wordBits: number): Float64Array {
  const n = syncPointCount(weights, interval);
  const r = new BitReader(stream);
  const counts = new Float64Array(n);
  for (let j = 0; j < n; j++) counts[j] = r.read(wordBits);
  return counts;
}
