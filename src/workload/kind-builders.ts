import type { HostOp, Layer, Pads, Trace } from './layer.js';
import { outputExtent } from './geometry.js';
import { DENSE_INT8, fcLayer, tensorOf, windowed, type Tensor } from './layer-builders.js';

/**
 * Constructors for the layer kinds beyond dense conv, fc, pool and add (layer-builders.ts): grouped, dilated and
 * asymmetrically padded convolutions and pools, concatenation, LRN, per-row fc, matmul of two activations, host
 * layers. Output shapes are computed, never typed in.
 */

/** A square window with optional groups, dilation and asymmetric pads [top, left, bottom, right]. */
export interface WindowSpec {
  kernel: number;
  stride: number;
  padding: number;
  groups?: number;
  dilation?: number;
  pads?: Pads;
}

/** A layer reading one element per output element: 1×1, stride 1, unpadded. */
function base(name: string, op: Layer['op'], from: Tensor, outputChannels: number): Layer {
  return windowed(name, op, from, outputChannels, { kernel: 1, stride: 1, padding: 0 });
}

function windowedLayer(name: string, op: 'conv' | 'pool', from: Tensor, outputChannels: number, w: WindowSpec): Layer {
  const [top, left, bottom, right] = w.pads ?? [w.padding, w.padding, w.padding, w.padding];
  const d = w.dilation ?? 1;
  return {
    ...base(name, op, from, outputChannels),
    kernelHeight: w.kernel,
    kernelWidth: w.kernel,
    stride: w.stride,
    padding: top,
    groups: w.groups ?? 1,
    outputHeight: outputExtent(from.height, w.kernel, w.stride, top, bottom, d),
    outputWidth: outputExtent(from.width, w.kernel, w.stride, left, right, d),
    ...(d !== 1 ? { dilation: d } : {}),
    ...(w.pads !== undefined ? { pads: w.pads } : {}),
  };
}

/** Convolution with dense int8 weights, optionally grouped (depthwise: groups = channels), dilated or padded unevenly. */
export function groupedConvLayer(name: string, from: Tensor, outputChannels: number, w: WindowSpec): Layer {
  return { ...windowedLayer(name, 'conv', from, outputChannels, w), weights: { ...DENSE_INT8 } };
}

/** Pooling with optional asymmetric pads (Caffe's ceil-mode pooling is end padding). */
export function paddedPoolLayer(name: string, from: Tensor, pool: 'max' | 'avg', w: WindowSpec): Layer {
  return { ...windowedLayer(name, 'pool', from, from.channels, w), pool };
}

/** Concatenation along channels of tensors of one height and width. */
export function concatLayer(name: string, from: readonly Tensor[]): Layer {
  const first = from[0];
  if (first === undefined || from.length < 2) throw new Error(`concat ${name}: needs at least two inputs`);
  for (const t of from) {
    if (t.height !== first.height || t.width !== first.width) throw new Error(`concat ${name}: ${t.name} is ${t.height}x${t.width}`);
  }
  const channels = from.reduce((s, t) => s + t.channels, 0);
  return { ...base(name, 'concat', { ...first, channels }, channels), inputs: from.map((t) => t.name) };
}

/** Local response normalization across `size` channels (on NVDLA's CDP). */
export function lrnLayer(name: string, from: Tensor, size: number): Layer {
  return { ...base(name, 'lrn', from, from.channels), lrnSize: size };
}

/** One dense layer applied to every row (token) of a rows×1×channels tensor: a 1×1 fc. */
export function rowFcLayer(name: string, from: Tensor, outputChannels: number): Layer {
  return { ...base(name, 'fc', from, outputChannels), weights: { ...DENSE_INT8 } };
}

/** heads × (M×K)·(K×N): A is the M-row tensor of heads·K channels; B holds heads·K·N elements; no stored weights. */
export function matmulLayer(name: string, a: Tensor, b: Tensor, heads: number, n: number): Layer {
  return { ...base(name, 'matmul', a, heads * n), inputs: [a.name, b.name], groups: heads };
}

/** An operation NVDLA cannot run, on the host CPU; shape unchanged. */
export function hostLayer(name: string, from: Tensor, hostOp: HostOp): Layer {
  return { ...base(name, 'host', from, from.channels), hostOp };
}

/** Append `l` to `layers` and return its output tensor (the builders chain with it). */
export function push(layers: Layer[], l: Layer): Tensor {
  layers.push(l);
  return tensorOf(l);
}

/** The 4,096 → 4,096 → 1,000 classifier AlexNet and VGG share (fc6, fc7, fc8). */
export function fc6to8(layers: Layer[], from: Tensor): Tensor {
  const fc6 = push(layers, fcLayer('fc6', from, 4096));
  const fc7 = push(layers, fcLayer('fc7', fc6, 4096));
  return push(layers, fcLayer('fc8', fc7, 1000));
}

/** A zoo trace: int8 activations (the shipped networks are dense int8). */
export function int8Trace(name: string, description: string, source: string, layers: Layer[]): Trace {
  return { name, description, source, activationBits: 8, layers };
}
