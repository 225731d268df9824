import type { BitStream } from './bit-stream.js';
import { decodeBitmask, encodeBitmask } from './bitmask.js';
import { decodeCodebook, encodeCodebook } from './codebook.js';
import { decodeCsr, encodeCsr } from './csr.js';
import { decodeDenseValues, encodeDenseValues } from './dense.js';
import { correctStreams, encodeCheckStream, type EccReport } from './ecc-streams.js';
import type { EncodedLayer, EncodingFormat } from './encoded-layer.js';
import type { StreamName } from './types.js';
import { checkTensor, type WeightTensor } from './weight-tensor.js';

/**
 * Encode a layer's real weights into streams, and decode them back: the one entry point the fault injector and
 * the tests use. Order of work: the encoding's own streams (with sync words when IdxSync is on), the codebook
 * when clustered, then the check stream over the protected streams.
 */
export function encodeLayer(t: WeightTensor, format: EncodingFormat): EncodedLayer {
  checkTensor(t);
  const enc: EncodedLayer = { format, shape: t.shape, valueBits: t.valueBits, streams: {} };
  if (t.codebook !== undefined) enc.clusters = t.codebook.length;
  switch (format.encoding) {
    case 'dense':
      if (format.syncInterval !== undefined) throw new Error('IdxSync has nothing to re-align in a dense encoding');
      enc.streams.values = encodeDenseValues(t);
      break;
    case 'bitmask': {
      const r = encodeBitmask(t, format.bitmaskLayout ?? 'nvdla', format.atomicK, format.syncInterval);
      enc.streams = r.streams;
      if (r.syncWordBits !== undefined) enc.syncWordBits = r.syncWordBits;
      break;
    }
    case 'csr': {
      if (format.csrIndexBits === undefined) throw new Error('csr format without csrIndexBits');
      const r = encodeCsr(t, format.csrIndexBits, format.syncInterval);
      enc.streams = r.streams;
      enc.pointerBits = r.pointerBits;
      if (r.syncWordBits !== undefined) enc.syncWordBits = r.syncWordBits;
      break;
    }
  }
  if (t.codebook !== undefined) enc.streams.codebook = encodeCodebook(t.codebook);
  if (format.ecc !== undefined) enc.streams.check = encodeCheckStream(enc.streams, format.ecc);
  return enc;
}

export interface DecodedLayer {
  /** Weights in [K][C][R][S] order: int values, or codes when clustered. */
  values: Int32Array;
  codebook?: Int32Array;
  /** ECC counts, when the format has ECC. */
  ecc?: EccReport;
}

/**
 * Decode a layer from its streams (by default the ones it was encoded to; pass faulty copies to see what the
 * hardware would read). ECC corrects first, then the encoding's decoder rebuilds the weights.
 */
export function decodeLayer(enc: EncodedLayer, stored: Partial<Record<StreamName, BitStream>> = enc.streams): DecodedLayer {
  let streams = stored;
  let ecc: EccReport | undefined;
  if (enc.format.ecc !== undefined) {
    const r = correctStreams(stored, enc.format.ecc);
    streams = r.streams;
    ecc = r.report;
  }
  const values = new Int32Array(enc.shape.kernels * enc.shape.channels * enc.shape.height * enc.shape.width);
  switch (enc.format.encoding) {
    case 'dense': {
      if (streams.values === undefined) throw new Error('dense decode needs the values stream');
      decodeDenseValues(enc, streams.values, values);
      break;
    }
    case 'bitmask':
      decodeBitmask(enc, streams, values);
      break;
    case 'csr':
      decodeCsr(enc, streams, values);
      break;
  }
  const out: DecodedLayer = { values };
  if (enc.clusters !== undefined && streams.codebook !== undefined) out.codebook = decodeCodebook(streams.codebook, enc.clusters);
  if (ecc !== undefined) out.ecc = ecc;
  return out;
}
