/**
 * The weights a fault campaign stores, as the storage encoders take them
 * (WeightTensor, src/storage/weight-tensor.ts):
 * - the MNIST model's real int8 weights, one fully connected layer as K
 *   kernels of C × 1 × 1; clustered, each non-zero weight becomes a code into
 *   the layer's codebook [0, centroids…];
 * - a trace's layers on synthetic weights that follow each layer's density and
 *   cluster count (src/storage/synthetic-weights.ts): no real weights, so no
 *   accuracy, only weight errors.
 */

import type { QuantizedMlp } from '../ml/quantize.js';
import { syntheticLayerWeights } from '../storage/synthetic-weights.js';
import { codeBits, type WeightTensor } from '../storage/weight-tensor.js';
import type { Trace } from '../workload/layer.js';
import { hasWeights } from '../workload/layer.js';

export interface NamedTensor {
  readonly name: string;
  readonly tensor: WeightTensor;
}

/** int8 bits of an unclustered weight: the model's quantization (src/ml/quantize.ts). */
const INT8_BITS = 8;

/**
 * The MNIST model's layers. Clustered: the codebook is code 0 = 0 (pruned)
 * followed by the layer's distinct non-zero values, so the 16 clusters of the
 * shipped model take 17 codes, i.e. 5-bit codes (ceil(log2 17)).
 */
export function mnistLayerTensors(model: QuantizedMlp, clustered: boolean): NamedTensor[] {
  return model.layers.map((l) => {
    const shape = { kernels: l.outputs, channels: l.inputs, height: 1, width: 1 };
    if (!clustered) return { name: l.name, tensor: { shape, valueBits: INT8_BITS, values: l.weights.slice() } };
    const codebook = Int32Array.from([0, ...l.codebook]);
    const codeOf = new Map<number, number>();
    codebook.forEach((v, code) => {
      if (code > 0) codeOf.set(v, code);
    });
    const values = Int32Array.from(l.weights, (w) => {
      if (w === 0) return 0;
      const code = codeOf.get(w);
      if (code === undefined) throw new Error(`layer ${l.name}: weight ${w} is not in its codebook`);
      return code;
    });
    return { name: l.name, tensor: { shape, valueBits: codeBits(codebook.length), values, codebook } };
  });
}

/** Synthetic weights of every conv and fc layer of a trace (seeded; see synthetic-weights.ts). */
export function traceLayerTensors(trace: Trace, clustered: boolean, seed: number): NamedTensor[] {
  return trace.layers.filter(hasWeights).map((l) => ({ name: l.name, tensor: syntheticLayerWeights(l, seed, { clustered }) }));
}
