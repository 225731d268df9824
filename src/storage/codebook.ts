import { BitReader, BitWriter, type BitStream } from './bit-stream.js';
import { CODEBOOK_ENTRY_BITS } from './weight-tensor.js';

/**
 * The codebook stream of a clustered layer: all `clusters` centroids, entry 0 first, each an 8-bit two's
 * complement int8. Entry 0 is always 0 (the code of a pruned weight) but is stored anyway, so the decoder's
 * lookup table is a plain copy of the stream: clusters·8 bits.
 */
export function encodeCodebook(codebook: Int32Array): BitStream {
  const w = new BitWriter(codebook.length * CODEBOOK_ENTRY_BITS);
  for (const c of codebook) w.write(c & 0xff, CODEBOOK_ENTRY_BITS);
  return w.finish();
}

export function decodeCodebook(stream: BitStream, clusters: number): Int32Array {
  const r = new BitReader(stream);
  const out = new Int32Array(clusters);
  for (let i = 0; i < clusters; i++) {
    const f = r.read(CODEBOOK_ENTRY_BITS);
    out[i] = f >= 128 ? f - 256 : f;
  }
  return out;
}

export function codebookBits(clusters: number): number {
  return clusters * CODEBOOK_ENTRY_BITS;
}
