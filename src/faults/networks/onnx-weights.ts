/**
 * An ONNX model's weight initializers as stored weights: each one laid out as K kernels (its output
 * channels) of C·R·S weights, optionally pruned and clustered, quantized to int8 per output channel
 * (src/ml/channel-quantize.ts), and handed to the encoders; and the way back, from decoded int8 values
 * to float32 values in the initializer's own layout, ready to be written into the graph.
 */

import { dequantizePerChannel, storedLayer, type StoredLayer, type StoredLayerOptions } from '../../ml/channel-quantize.js';
import type { OnnxModel, WeightInitializer } from '../../ml/onnx/onnx-model.js';
import type { KernelShape } from '../../storage/weight-tensor.js';
import { int8Tensor, type NamedTensor } from './network-weights.js';

export interface OnnxStoredLayer {
  readonly init: WeightInitializer;
  readonly shape: KernelShape;
  readonly stored: StoredLayer;
}

/** Kernel geometry: [K, C] → K × C × 1 × 1, [K, C, S] → K × C × 1 × S, [K, C, R, S]; MatMul's [C, K] → K × C × 1 × 1. */
export function kernelShapeOf(init: WeightInitializer): KernelShape {
  const d = init.dims;
  if (init.outputAxis === 1) return { kernels: d[1] as number, channels: d[0] as number, height: 1, width: 1 };
  const [kernels, channels, a, b] = d as [number, number, number?, number?];
  if (a === undefined) return { kernels, channels, height: 1, width: 1 };
  if (b === undefined) return { kernels, channels, height: 1, width: a };
  return { kernels, channels, height: a, width: b };
}

/** Swap the two axes of a rows × cols matrix. */
function transpose(values: Float32Array, rows: number, cols: number): Float32Array {
  const out = new Float32Array(values.length);
  for (let r = 0; r < rows; r++) for (let c = 0; c < cols; c++) out[c * rows + r] = values[r * cols + c] as number;
  return out;
}

export function onnxStoredLayers(model: OnnxModel, options: StoredLayerOptions): OnnxStoredLayer[] {
  return model.weights.map((init) => {
    const shape = kernelShapeOf(init);
    const kernelMajor = init.outputAxis === 1 ? transpose(init.values, shape.channels, shape.kernels) : init.values;
    return { init, shape, stored: storedLayer(kernelMajor, shape.kernels, options) };
  });
}

export function onnxLayerTensors(layers: readonly OnnxStoredLayer[], clustered: boolean): NamedTensor[] {
  return layers.map((l) => {
    if (clustered && l.stored.codebook === undefined) throw new Error(`layer ${l.init.layer} is not clustered`);
    return { name: l.init.layer, tensor: int8Tensor(l.init.layer, l.shape, l.stored.values, clustered ? l.stored.codebook : undefined) };
  });
}

/** Float32 values of the initializer, in its own layout, from int8 weights in [K][C][R][S] order. */
export function initializerValues(layer: OnnxStoredLayer, int8: Int32Array): Float32Array {
  const values = dequantizePerChannel(int8, layer.stored.scales);
  return layer.init.outputAxis === 1 ? transpose(values, layer.shape.kernels, layer.shape.channels) : values;
}
