import type { LayerStorage, StreamName, StreamSize } from '../../storage/types.js';

/**
 * Which part of each encoded stream belongs to output kernels [k0, k1) of a layer.
 *
 * Default: a proportional split by kernel count. The share of a total T for [k0, k1) of K
 * kernels is floor(T·k1/K) − floor(T·k0/K): shares of consecutive ranges tile the total
 * exactly (no bit read twice or lost to rounding), and each starts at floor(T·k0/K). This is
 * exact for dense streams and for kernels of equal density; for pruned layers whose kernels
 * differ in density it is an average, which is why a caller may pass exact ranges instead.
 *
 * Streams every kernel needs (the codebook) are read in full by every fetch: the decoder
 * keeps nothing between fetches (conservative; a codebook is at most a few hundred bits).
 */

const SHARED_STREAMS: ReadonlySet<StreamName> = new Set<StreamName>(['codebook']);

/** The part of a total (bits, weights, words) that belongs to kernels [k0, k1) of K. */
export function shareOf(total: number, k0: number, k1: number, K: number): number {
  return Math.floor((total * k1) / K) - Math.floor((total * k0) / K);
}

interface StreamRange {
  /** First bit of the range, counted from the start of the stream. */
  startBit: number;
  bits: number;
}

/** Exact ranges from the storage layer, when it knows them: (layer, k0, k1, stream) → range. */
export type StreamRangeFn = (layerIndex: number, k0: number, k1: number, stream: StreamSize) => StreamRange;

export interface StreamRead extends StreamRange {
  stream: StreamName;
  bitsPerCell: number;
}

export function streamReads(
  layerIndex: number,
  storage: LayerStorage,
  k0: number,
  k1: number,
  K: number,
  exact?: StreamRangeFn,
): StreamRead[] {
  return storage.streams.map((s) => {
    const range: StreamRange = SHARED_STREAMS.has(s.stream)
      ? { startBit: 0, bits: s.bits }
      : exact !== undefined
        ? exact(layerIndex, k0, k1, s)
        : { startBit: Math.floor((s.bits * k0) / K), bits: shareOf(s.bits, k0, k1, K) };
    return { stream: s.stream, bitsPerCell: s.bitsPerCell, ...range };
  });
}
