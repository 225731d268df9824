/**
 * Misplaced values: a non-zero weight that the decoder filled from a value
 * field the encoder wrote for another position (a corrupted mask bit, index,
 * row pointer, group size or sync word moved the decoder's value pointer).
 *
 * Found with the real decoders: the same (corrected) metadata streams are
 * decoded once more with a "provenance" value stream whose field k holds
 * k + 1 in 32 bits, so every position decodes to the number of the field it
 * read (0: none). A position is misplaced when that number differs from the
 * one the clean metadata give and its decoded weight is non-zero. Faults in the
 * value bits themselves change values but never move them, so they do not
 * count here.
 */

import { BitStream } from '../../storage/bit-stream.js';
import { decodeLayer } from '../../storage/codec.js';
import type { EncodedLayer } from '../../storage/encoded-layer.js';
import type { StreamName } from '../../storage/types.js';

/** Streams that only carry values: a fault there cannot move a value. */
const VALUE_STREAMS: readonly StreamName[] = ['values', 'codebook', 'check'];

/** Bits of one provenance field: room for any field number of a layer. */
const PROVENANCE_FIELD_BITS = 32;

/** Whether any stream that places values differs from the clean encoding. */
export function placementChanged(clean: EncodedLayer, streams: Partial<Record<StreamName, BitStream>>): boolean {
  for (const [name, stream] of Object.entries(clean.streams) as [StreamName, BitStream][]) {
    if (VALUE_STREAMS.includes(name)) continue;
    const other = streams[name];
    if (other === undefined || !other.equals(stream)) return true;
  }
  return false;
}

/** Which value field (numbered from 1; 0: none) each weight position reads, given the metadata streams. */
export function valueFieldOfPosition(clean: EncodedLayer, metadata: Partial<Record<StreamName, BitStream>>): Int32Array {
  const valueStream = clean.streams.values;
  if (valueStream === undefined) throw new Error('an encoded layer without a values stream');
  // Every field the real decoder could address, surface padding included (there it reads zeros).
  const fields = Math.floor(valueStream.length / clean.valueBits);
  const words = new Uint32Array(fields);
  for (let k = 0; k < fields; k++) words[k] = k + 1;
  const { ecc: _ecc, ...format } = clean.format;
  const { clusters: _clusters, ...rest } = clean;
  const provenance: EncodedLayer = { ...rest, format, valueBits: PROVENANCE_FIELD_BITS, streams: {} };
  const streams: Partial<Record<StreamName, BitStream>> = {};
  for (const [name, stream] of Object.entries(metadata) as [StreamName, BitStream][]) {
    if (!VALUE_STREAMS.includes(name)) streams[name] = stream;
  }
  streams.values = new BitStream(words, fields * PROVENANCE_FIELD_BITS);
  return decodeLayer(provenance, streams).values;
}

/** Non-zero decoded weights whose value field is not the one the clean metadata assign to their position. */
export function countMisplaced(cleanFields: Int32Array, faultyFields: Int32Array, decodedInt8: Int32Array): number {
  let n = 0;
  for (let i = 0; i < decodedInt8.length; i++) {
    if (decodedInt8[i] !== 0 && faultyFields[i] !== cleanFields[i]) n++;
  }
  return n;
}
