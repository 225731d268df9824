/**
 * One layer of a workload trace, as the hardware models see it. Shapes are
 * counts (elements), not bytes; byte sizes follow from the trace precision.
 */
export type LayerOp = 'conv' | 'fc' | 'pool' | 'eltwise';
export type PoolKind = 'max' | 'avg';

export interface LayerWeights {
  /** Fraction of non-zero weights, 0 < density <= 1 (1 − sparsity). */
  density: number;
  /** Bits per stored weight value (8 for int8, log2(clusters) when clustered). */
  valueBits: number;
  /** Number of clusters (codebook entries) when weights are clustered; absent when not. */
  clusters?: number;
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
  padding: number;
  groups: number;
  outputHeight: number;
  outputWidth: number;
  /** Pooling kind, for op = pool. */
  pool?: PoolKind;
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

/** MACs of a layer (0 for pooling and element-wise layers). */
export function layerMacs(l: Layer): number {
  if (l.op !== 'conv' && l.op !== 'fc') return 0;
  return (
    l.outputHeight * l.outputWidth * l.outputChannels * (l.inputChannels / l.groups) * l.kernelHeight * l.kernelWidth
  );
}

/** Weight count of a layer (0 for pooling and element-wise layers). */
export function layerWeightCount(l: Layer): number {
  if (l.op !== 'conv' && l.op !== 'fc') return 0;
  return l.outputChannels * (l.inputChannels / l.groups) * l.kernelHeight * l.kernelWidth;
}

export function hasWeights(l: Layer): boolean {
  return l.op === 'conv' || l.op === 'fc';
}

/** Elements of the layer's output tensor. */
export function outputElements(l: Layer): number {
  return l.outputHeight * l.outputWidth * l.outputChannels;
}

/** Elements of the layer's (first) input tensor. */
export function inputElements(l: Layer): number {
  return l.inputHeight * l.inputWidth * l.inputChannels;
}
