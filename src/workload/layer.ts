/**
 * One layer of a workload trace, as the hardware models see it. Shapes are
 * counts (elements), not bytes; byte sizes follow from the trace precision.
 */
export type LayerOp = 'conv' | 'fc' | 'pool' | 'eltwise' | 'concat' | 'lrn' | 'matmul' | 'host';
export type PoolKind = 'max' | 'avg';
/**
 * Element-wise operation of an `eltwise` layer (default add). `scale`: a per-channel scale and bias of one
 * activation (a batch normalization no convolution absorbs), from the SDP's own per-channel operands.
 */
export type EltwiseKind = 'add' | 'mul' | 'scale';
/** Operations NVDLA cannot run, run on the host CPU (`op: 'host'`); `transpose` is a data-moving layout change. */
/** transpose keeps the shape (a channel shuffle); copy may change height and width (tokens added or picked). */
export type HostOp = 'softmax' | 'layernorm' | 'transpose' | 'copy';

/** Every layer operation, in the order the schema lists them. */
export const LAYER_OPS: readonly LayerOp[] = ['conv', 'fc', 'pool', 'eltwise', 'concat', 'lrn', 'matmul', 'host'];

export interface LayerWeights {
  /** Fraction of non-zero weights, 0 < density <= 1 (1 − sparsity). */
  density: number;
  /** Bits per stored weight value (8 for int8, log2(clusters) when clustered). */
  valueBits: number;
  /** Number of clusters (codebook entries) when weights are clustered; absent when not. */
  clusters?: number;
}

/** Zero padding per side, ONNX order for 2-D: [top, left, bottom, right]. */
export type Pads = [number, number, number, number];

/** Input `input` of a layer read as channels [channelOffset, channelOffset + channels) of its producer's output. */
export interface ChannelSlice {
  input: number;
  channelOffset: number;
  channels: number;
}

export interface Layer {
  name: string;
  op: LayerOp;
  /** Names of the layers whose outputs this layer reads; "input" is the network input. */
  inputs: string[];
  inputHeight: number;
  inputWidth: number;
  inputChannels: number;
  outputChannels: number;
  kernelHeight: number;
  kernelWidth: number;
  stride: number;
  /** Symmetric padding; when `pads` is present it equals pads[0] (top), for readers that know only this key. */
  padding: number;
  /** Convolution groups (depthwise: groups = inputChannels); for matmul, the heads of a batched product. */
  groups: number;
  outputHeight: number;
  outputWidth: number;
  /** Convolution dilation in both directions (default 1): the kernel spans (k − 1)·dilation + 1. */
  dilation?: number;
  /** Asymmetric padding [top, left, bottom, right]; when present every shape rule uses it instead of `padding`. */
  pads?: Pads;
  /** Pooling kind, for op = pool. */
  pool?: PoolKind;
  /** Element-wise kind, for op = eltwise (default add); a second operand of 1×1×C is per channel, broadcast over H×W. */
  eltwise?: EltwiseKind;
  /** Channel window of a local response normalization, for op = lrn (ONNX `size`). */
  lrnSize?: number;
  /**
   * Op "matmul" only: A's rows fall into this many windows of equal size, each multiplied by its own B (Swin's
   * window attention; 1, or absent, for a product over all rows). B then holds windows × heads × K × N values.
   */
  windows?: number;
  /** Which host operation, for op = host. */
  hostOp?: HostOp;
  /** Inputs read as a channel range of their producer (a Split's part: a view of its surface, no copy). */
  slices?: ChannelSlice[];
  /** Weight storage properties, for conv and fc. */
  weights?: LayerWeights;
}

export interface Trace {
  name: string;
  description: string;
  /** Where the layer shapes (and pruning profile) come from. */
  source: string;
  /** Activation precision in bits (int8: 8). */
  activationBits: number;
  /** Pruning profile name and source, absent for dense traces. */
  pruning?: { profile: string; source: string };
  layers: Layer[];
}

/**
 * MACs of a layer: conv and fc count their weights' products; matmul (two activations, heads = groups) counts
 * M·heads·K·N by the same formula. 0 for pooling, element-wise, concat, LRN and host layers.
 */
export function layerMacs(l: Layer): number {
  if (l.op !== 'conv' && l.op !== 'fc' && l.op !== 'matmul') return 0;
  return (
    l.outputHeight * l.outputWidth * l.outputChannels * (l.inputChannels / l.groups) * l.kernelHeight * l.kernelWidth
  );
}

/** Stored weight count of a layer: conv and fc only (a matmul multiplies two activations). */
export function layerWeightCount(l: Layer): number {
  if (!hasWeights(l)) return 0;
  return l.outputChannels * (l.inputChannels / l.groups) * l.kernelHeight * l.kernelWidth;
}

/** True for the layers with stored weights (conv, fc); only these ever read weight storage. */
export function hasWeights(l: Layer): boolean {
  return l.op === 'conv' || l.op === 'fc';
}

/** Padding per side [top, left, bottom, right]: `pads` when given, else `padding` on every side. */
export function padsOf(l: Layer): Pads {
  return l.pads ?? [l.padding, l.padding, l.padding, l.padding];
}

/** Dilation of a layer (1 unless a dilated convolution). */
export function dilationOf(l: Layer): number {
  return l.dilation ?? 1;
}

/** Elements of the layer's output tensor. */
export function outputElements(l: Layer): number {
  return l.outputHeight * l.outputWidth * l.outputChannels;
}

/** Elements of the layer's (first) input tensor. */
export function inputElements(l: Layer): number {
  return l.inputHeight * l.inputWidth * l.inputChannels;
}

/**
 * Where input j of a layer starts inside its producer's output, in elements: a channel slice starts channelOffset
 * planes of height × width in (NVDLA's surfaces hold channels plane-group by plane-group; exact when the offset is
 * a multiple of the channel atom, an approximation of the address otherwise). 0 for inputs read whole.
 */
export function sliceOffsetElements(l: Layer, j: number): number {
  const s = l.slices?.find((x) => x.input === j);
  return s === undefined ? 0 : s.channelOffset * l.inputHeight * l.inputWidth;
}
