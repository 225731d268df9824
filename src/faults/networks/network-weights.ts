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

import type { QuantizedMlp } from '../../ml/quantize.js';
import { syntheticLayerWeights } from '../../storage/synthetic-weights.js';
import { codeBits, type KernelShape, type WeightTensor } from '../../storage/weight-tensor.js';
import type { Trace } from '../../workload/layer.js';
import { hasWeights } from '../../workload/layer.js';

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
    return { name: l.name, tensor: int8Tensor(l.name, shape, l.weights, clustered ? l.codebook : undefined) };
  });
}

/**
 * int8 weights as the encoders take them: plain int8 values, or, with a codebook (the layer's distinct
 * non-zero values), codes into [0, codebook…], code 0 being a pruned weight.
 */
export function int8Tensor(name: string, shape: KernelShape, weights: Int32Array, codebook: Int32Array | undefined): WeightTensor {
  if (codebook === undefined) return { shape, valueBits: INT8_BITS, values: weights.slice() };
  const full = Int32Array.from([0, ...codebook]);
  const codeOf = new Map<number, number>();
  full.forEach((v, code) => {
    if (code > 0) codeOf.set(v, code);
  });
  const values = Int32Array.from(weights, (w) => {
    if (w === 0) return 0;
    const code = codeOf.get(w);
    if (code === undefined) throw new Error(`layer ${name}: weight ${w} is not in its codebook`);
    return code;
  });
  return { shape, valueBits: codeBits(full.length), values, codebook: full };
}

/** Synthetic weights of every conv and fc layer of a trace (seeded; see synthetic-weights.ts). */
export function traceLayerTensors(trace: Trace, clustered: boolean, seed: number): NamedTensor[] {
  return trace.layers.filter(hasWeights).map((l) => ({ name: l.name, tensor: syntheticLayerWeights(l, seed, { clustered }) }));
}
