/**
 * Shared vocabulary of weight storage: how a layer's weights are encoded into
 * streams, and at how many bits per cell each stream is stored.
 */

/** Names of the streams an encoding can produce. */
export type StreamName = 'values' | 'codebook' | 'mask' | 'groupSizes' | 'indices' | 'pointers' | 'sync' | 'check';

export type EncodingKind = 'dense' | 'bitmask' | 'csr';

/** A user's storage choice for a whole network (one entry of `maxnvm size`, or the weight store of a config). */
export interface StorageChoice {
  /** Human-readable label, used in tables. */
  label: string;
  encoding: EncodingKind;
  /** Bitmask layout: NVDLA's WMB/WGS surfaces padded to 128 bytes per kernel group, or a plain stream. */
  bitmaskLayout?: 'nvdla' | 'plain';
  /** CSR relative index width r in bits (>= 1). */
  csrIndexBits?: number;
  /** Use the trace's cluster count (codebook) where a layer has one; otherwise 8-bit values. */
  clustered: boolean;
  /** Bits per cell for each stream; streams not named use `defaultBitsPerCell`. */
  bitsPerCell: Partial<Record<StreamName, number>>;
  defaultBitsPerCell: number;
  /** SECDED Hamming ECC over these streams with this data word size in bits (e.g. 64 for (72,64)). */
  ecc?: { dataBits: number; streams: StreamName[] };
  /** IdxSync: a sync word every `interval` weights; absent means no IdxSync. */
  idxSync?: { interval: number };
  /** Settings of individual layers, by layer name; a layer not named uses the settings above (layer-choice.ts). */
  layers?: Record<string, LayerOverride>;
}

/** One layer's own settings: they replace the choice's for that layer only. */
export interface LayerOverride {
  /** Bits per cell of these streams in this layer; streams not named keep the choice's. */
  bitsPerCell?: Partial<Record<StreamName, number>>;
  /** Streams ECC protects in this layer (empty: none), with the choice's ECC data word; needs `ecc`. */
  eccStreams?: StreamName[];
}

/** Size of one stream of one layer. */
export interface StreamSize {
  stream: StreamName;
  bits: number;
  bitsPerCell: number;
  /** Cells = ceil(bits / bitsPerCell). */
  cells: number;
}

/** All streams of one layer under one storage choice. */
export interface LayerStorage {
  layer: string;
  weights: number;
  nonZeros: number;
  streams: StreamSize[];
}
