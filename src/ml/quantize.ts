/**
 * From a pruned float layer to the stored form: the non-zero weights are
 * clustered (k-means), the centroids are quantized to int8 with one scale per
 * layer, and every weight becomes its centroid's int8 value (0 stays 0:
 * pruned). The result is what the storage module encodes: int8 weights in
 * [K][C] order, density, and a codebook of at most `clusters` values.
 */

import { kMeans1d } from './kmeans.js';
import type { DenseLayer } from './mlp.js';

const INT8_MAX = 127;

export interface QuantizedLayer {
  readonly name: string;
  /** K */
  readonly outputs: number;
  /** C */
  readonly inputs: number;
  /** Real weight = weightScale × stored int8 value. */
  readonly weightScale: number;
  /** int8 values in [K][C] order (the storage layout [K][C/groups][R][S] with R = S = groups = 1); 0 = pruned. */
  readonly weights: Int32Array;
  readonly bias: Float32Array;
  /** The distinct non-zero int8 values the weights take, ascending (the cluster codebook). */
  readonly codebook: Int32Array;
}

export interface QuantizedMlp {
  readonly layers: readonly QuantizedLayer[];
}

/** Cluster a pruned layer's non-zero weights into `clusters` values and quantize them to int8. */
export function quantizeLayer(layer: DenseLayer, clusters: number, name: string): QuantizedLayer {
  const nonZero = layer.weights.filter((w) => w !== 0);
  const { centroids, assignment } = kMeans1d(nonZero, clusters);
  let maxAbs = 0;
  for (const c of centroids) maxAbs = Math.max(maxAbs, Math.abs(c));
  const weightScale = Math.fround(maxAbs > 0 ? maxAbs / INT8_MAX : 1);
  // A centroid that rounds to 0 keeps its sign as ±1, so quantization never prunes a weight.
  const codes = Int32Array.from(centroids, (c) => {
    const q = Math.max(-INT8_MAX, Math.min(INT8_MAX, Math.round(c / weightScale)));
    return q !== 0 ? q : c < 0 ? -1 : 1;
  });
  const weights = new Int32Array(layer.weights.length);
  let next = 0;
  for (let i = 0; i < weights.length; i++) {
    if (layer.weights[i] !== 0) weights[i] = codes[assignment[next++] as number] as number;
  }
  return {
    name,
    outputs: layer.outputs,
    inputs: layer.inputs,
    weightScale,
    weights,
    bias: layer.bias.slice(),
    codebook: Int32Array.from(new Set(codes)).sort(),
  };
}

/** The float layer that the quantized one stands for (for fine-tuning or comparison). */
export function dequantizeLayer(layer: QuantizedLayer): DenseLayer {
  return {
    outputs: layer.outputs,
    inputs: layer.inputs,
    weights: Float32Array.from(layer.weights, (q) => q * layer.weightScale),
    bias: layer.bias.slice(),
  };
}
