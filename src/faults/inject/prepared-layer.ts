/**
 * A layer's weights encoded once under a storage choice, with the bits per
 * cell of each stream and the original int8 weights: what every fault trial
 * starts from.
 */

import type { BitStream } from '../../storage/bit-stream.js';
import { encodeLayer } from '../../storage/codec.js';
import { DEFAULT_ATOMIC_K, formatOf, type EncodedLayer } from '../../storage/encoded-layer.js';
import { layerChoice } from '../../storage/layer-choice.js';
import type { StorageChoice, StreamName } from '../../storage/types.js';
import type { WeightTensor } from '../../storage/weight-tensor.js';
import { streamBitsPerCell } from '../cells/fault-model.js';
import { int8Weights } from './weight-errors.js';

/** A layer encoded once, ready for many trials. */
export interface PreparedLayer {
  readonly name: string;
  readonly encoded: EncodedLayer;
  readonly bitsPerCell: Readonly<Partial<Record<StreamName, number>>>;
  /** The original weights as int8 values, [K][C][R][S]. */
  readonly original: Int32Array;
  /** Value field of each position under the clean metadata; computed the first time a fault moves values. */
  cleanFields?: Int32Array;
}

/** Encode layer `name` under its settings in `choice` (the choice's own, or the layer's: layerChoice). */
export function prepareLayer(name: string, tensor: WeightTensor, choice: StorageChoice, atomicK = DEFAULT_ATOMIC_K): PreparedLayer {
  const own = layerChoice(choice, name);
  return {
    name,
    encoded: encodeLayer(tensor, formatOf(own, atomicK)),
    bitsPerCell: streamBitsPerCell(own),
    original: int8Weights(tensor.values, tensor.codebook),
  };
}

/** Cells of each stream of a prepared layer at its bits per cell. */
export function layerCells(layer: PreparedLayer): Partial<Record<StreamName, number>> {
  const out: Partial<Record<StreamName, number>> = {};
  for (const [name, stream] of Object.entries(layer.encoded.streams) as [StreamName, BitStream][]) {
    out[name] = Math.ceil(stream.length / bitsPerCellOf(layer, name));
  }
  return out;
}

export function bitsPerCellOf(layer: PreparedLayer, name: StreamName): number {
  const b = layer.bitsPerCell[name];
  if (b === undefined) throw new Error(`layer ${layer.name}: no bits per cell for stream ${name}`);
  return b;
}
