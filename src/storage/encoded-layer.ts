import type { EncodingKind, StorageChoice, StreamName } from './types.js';
import type { BitStream } from './bit-stream.js';
import { DEFAULT_BITMASK_LAYOUT } from './streams.js';
import type { KernelShape } from './weight-tensor.js';

/**
 * The format of one encoded layer: what a decoder is configured with (registers, not memory contents, so
 * faults never touch it).
 */
export interface EncodingFormat {
  encoding: EncodingKind;
  /** Bitmask only. */
  bitmaskLayout?: 'nvdla' | 'plain';
  /** CSR only: relative index width r. */
  csrIndexBits?: number;
  /** Kernels per kernel group in the NVDLA layout (the MAC array's atomic K). */
  atomicK: number;
  /** IdxSync interval S in weights; absent means no IdxSync. */
  syncInterval?: number;
  /** SECDED over these streams with this data word. */
  ecc?: { dataBits: number; streams: readonly StreamName[] };
}

/** A layer's weights as stored: one BitStream per stream, plus the shape and field widths the decoder needs. */
export interface EncodedLayer {
  format: EncodingFormat;
  shape: KernelShape;
  valueBits: number;
  /** Codebook entries when clustered. */
  clusters?: number;
  /** CSR: width of one per-kernel entry count. */
  pointerBits?: number;
  /** IdxSync: width of one sync word. */
  syncWordBits?: number;
  streams: Partial<Record<StreamName, BitStream>>;
}

/**
 * Default atomic K (kernels per kernel group) for the NVDLA layout: 32, nv_full's MAC atomic K
 * (reference/nvdla-builds.csv); also NVDLA's int8 weight group size (nvdla.org hw/format: "For int8, one group
 * has 32 kernels").
 */
export const DEFAULT_ATOMIC_K = 32;

/** The encoder/decoder format a storage choice asks for. */
export function formatOf(choice: StorageChoice, atomicK: number = DEFAULT_ATOMIC_K): EncodingFormat {
  const f: EncodingFormat = { encoding: choice.encoding, atomicK };
  if (choice.encoding === 'bitmask') f.bitmaskLayout = choice.bitmaskLayout ?? DEFAULT_BITMASK_LAYOUT;
  if (choice.encoding === 'csr') {
    if (choice.csrIndexBits === undefined) throw new Error('csr storage choice without csrIndexBits (validate the choice first)');
    f.csrIndexBits = choice.csrIndexBits;
  }
  if (choice.idxSync !== undefined) f.syncInterval = choice.idxSync.interval;
  if (choice.ecc !== undefined) f.ecc = { dataBits: choice.ecc.dataBits, streams: choice.ecc.streams };
  return f;
}
