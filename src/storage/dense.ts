import { BitWriter, type BitStream } from './bit-stream.js';
import type { EncodedLayer } from './encoded-layer.js';
import { fieldToValue, valueToField, type WeightTensor } from './weight-tensor.js';

/**
 * Dense encoding: every weight, zero or not, as one b-bit field in [K][C][R][S] order: N·b bits. A clustered
 * layer stores codes (pruned weights are code 0) and adds its codebook stream (see codec.ts).
 */
export function encodeDenseValues(t: WeightTensor): BitStream {
  const b = t.valueBits;
  const w = new BitWriter(t.values.length * b);
  for (let i = 0; i < t.values.length; i++) w.write(valueToField(t.values[i] ?? 0, b), b);
  return w.finish();
}

export function decodeDenseValues(enc: EncodedLayer, values: BitStream, out: Int32Array): void {
  const b = enc.valueBits;
  const clustered = enc.clusters !== undefined;
  for (let i = 0; i < out.length; i++) out[i] = fieldToValue(values.readBits(i * b, b), b, clustered);
}

