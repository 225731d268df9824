import type { Layer, LayerWeights, PoolKind } from './layer.js';
import { outputExtent } from './geometry.js';

/**
 * Small constructors used by the network builders: each takes the tensor it
 * reads and returns a Layer whose output shape is computed, never typed in.
 */

/** A tensor flowing between layers: the producer's name and the output shape. */
export interface Tensor {
  /** Producer layer name, or "input" for the network input. */
  name: string;
  height: number;
  width: number;
  channels: number;
}

/** Dense int8 weights: the shipped traces start dense and are pruned/clustered afterwards. */
const DENSE_INT8: LayerWeights = { density: 1, valueBits: 8 };

/** The tensor a layer produces, for the next layer to read. */
export function tensorOf(l: Layer): Tensor {
  return { name: l.name, height: l.outputHeight, width: l.outputWidth, channels: l.outputChannels };
}

interface Window {
  kernel: number;
  stride: number;
  padding: number;
}

function windowed(name: string, op: Layer['op'], from: Tensor, outputChannels: number, w: Window): Layer {
  return {
    name,
    op,
    inputs: [from.name],
    inputHeight: from.height,
    inputWidth: from.width,
    inputChannels: from.channels,
    outputChannels,
    kernelHeight: w.kernel,
    kernelWidth: w.kernel,
    stride: w.stride,
    padding: w.padding,
    // Convolutions here are dense (groups 1); pooling works per channel and has no weights to group.
    groups: 1,
    outputHeight: outputExtent(from.height, w.kernel, w.stride, w.padding),
    outputWidth: outputExtent(from.width, w.kernel, w.stride, w.padding),
  };
}

/** Square convolution with dense int8 weights. */
export function convLayer(name: string, from: Tensor, outputChannels: number, w: Window): Layer {
  return { ...windowed(name, 'conv', from, outputChannels, w), weights: { ...DENSE_INT8 } };
}

/** Square pooling window; channels pass through. */
export function poolLayer(name: string, from: Tensor, pool: PoolKind, w: Window): Layer {
  return { ...windowed(name, 'pool', from, from.channels, w), pool };
}

/** Global average pool: the window covers the whole (square) input. */
export function globalAvgPoolLayer(name: string, from: Tensor): Layer {
  if (from.height !== from.width) throw new Error(`global pool ${name}: input ${from.height}x${from.width} is not square`);
  return poolLayer(name, from, 'avg', { kernel: from.height, stride: 1, padding: 0 });
}

/** Fully connected layer: a convolution whose kernel covers the whole input. */
export function fcLayer(name: string, from: Tensor, outputChannels: number): Layer {
  if (from.height !== from.width) throw new Error(`fc ${name}: input ${from.height}x${from.width} is not square`);
  return {
    ...windowed(name, 'fc', from, outputChannels, { kernel: from.height, stride: 1, padding: 0 }),
    weights: { ...DENSE_INT8 },
  };
}

/** Element-wise add of two or more tensors of the same shape (residual join). */
export function eltwiseAddLayer(name: string, from: readonly Tensor[]): Layer {
  const first = from[0];
  if (first === undefined || from.length < 2) throw new Error(`eltwise ${name}: needs at least two inputs`);
  for (const t of from) {
    if (t.height !== first.height || t.width !== first.width || t.channels !== first.channels) {
      throw new Error(`eltwise ${name}: input ${t.name} shape differs from ${first.name}`);
    }
  }
  return {
    ...windowed(name, 'eltwise', first, first.channels, { kernel: 1, stride: 1, padding: 0 }),
    inputs: from.map((t) => t.name),
  };
}
