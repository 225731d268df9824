import type { Layer } from '../workload/layer.js';
import { layerWeightCount } from '../workload/layer.js';
import { bitsToHold } from './bit-stream.js';

/**
 * The real weights of one layer, as the encoders take them and the decoders give them back.
 *
 * `values` holds K kernels of W = (C / groups)·R·S weights each, in [K][C/groups][R][S] order (see KernelShape).
 *
 * Unclustered (`codebook` absent): each value is a signed `valueBits`-bit integer (int8: −128..127); 0 is a
 * pruned weight.
 *
 * Clustered (`codebook` present): each value is a code 0..clusters−1 into the layer's codebook of `clusters`
 * 8-bit centroids. Code 0 is reserved for zero: codebook[0] = 0, pruned weights have code 0 and non-zero weights
 * use codes 1..clusters−1. So "0 means pruned" holds in both forms, a dense encoding needs no extra code for
 * zero (b = log2(clusters) bits in every encoding), and a CSR filler entry is simply code 0.
 */
export interface WeightTensor {
  shape: KernelShape;
  /** Bits of one stored value: 8 for int8, ceil(log2(clusters)) for codes. */
  valueBits: number;
  values: Int32Array;
  /** Centroids (int8) of a clustered layer; codebook[0] is 0. */
  codebook?: Int32Array;
}

/** Kernel geometry: K kernels of `channels` (C / groups) × `height` (R) × `width` (S) weights. */
export interface KernelShape {
  kernels: number;
  channels: number;
  height: number;
  width: number;
}

/** Weights per kernel W = channels·height·width. */
export function kernelSize(s: KernelShape): number {
  return s.channels * s.height * s.width;
}

/** Bits of one centroid in the codebook stream (the centroids are int8 weights). */
export const CODEBOOK_ENTRY_BITS = 8;

/** Kernel geometry of a conv or fc layer. */
export function kernelShape(layer: Layer): KernelShape {
  const channels = layer.inputChannels / layer.groups;
  const shape = { kernels: layer.outputChannels, channels, height: layer.kernelHeight, width: layer.kernelWidth };
  if (!Number.isInteger(channels) || layerWeightCount(layer) !== shape.kernels * kernelSize(shape)) {
    throw new Error(`layer ${layer.name}: input channels ${layer.inputChannels} not divisible by groups ${layer.groups}`);
  }
  return shape;
}

/** Codebook entries of a layer under a storage choice, or undefined when its values are stored unclustered. */
export function clustersFor(layer: Layer, clustered: boolean): number | undefined {
  return clustered ? layer.weights?.clusters : undefined;
}

/**
 * Bits per stored value. Clustered: ceil(log2(clusters)). Unclustered: the trace's valueBits, except where the
 * trace's valueBits already describe cluster codes; then the weights are int8 (assumption: NVDLA's int8
 * precision, the precision every shipped trace is quantized to).
 */
export function valueBitsFor(layer: Layer, clustered: boolean): number {
  const clusters = clustersFor(layer, clustered);
  if (clusters !== undefined) return codeBits(clusters);
  if (layer.weights?.clusters !== undefined) return 8;
  return layer.weights?.valueBits ?? 8;
}

/** Bits of a code into a codebook of `clusters` entries: ceil(log2(clusters)), at least 1. */
export function codeBits(clusters: number): number {
  return Math.max(1, bitsToHold(clusters - 1));
}

/** Throws when a tensor's values do not fit its declared form (an encoder bug or a bad test fixture). */
export function checkTensor(t: WeightTensor): void {
  if (t.values.length !== t.shape.kernels * kernelSize(t.shape)) {
    throw new Error(`tensor: ${t.values.length} values for ${t.shape.kernels}×${kernelSize(t.shape)} weights`);
  }
  let lo: number;
  let hi: number;
  if (t.codebook !== undefined) {
    if (t.codebook[0] !== 0) throw new Error('tensor: codebook[0] must be 0 (the code of a pruned weight)');
    if (t.codebook.length > 2 ** t.valueBits) throw new Error(`tensor: ${t.codebook.length} codes need more than ${t.valueBits} bits`);
    lo = 0;
    hi = t.codebook.length - 1;
  } else {
    lo = -(2 ** (t.valueBits - 1));
    hi = 2 ** (t.valueBits - 1) - 1;
  }
  for (let i = 0; i < t.values.length; i++) {
    const v = t.values[i] ?? 0;
    if (v < lo || v > hi) throw new Error(`tensor: value ${v} at ${i} outside ${lo}..${hi}`);
  }
}

/** The field written for a value: two's complement for signed values, the code itself for clustered ones. */
export function valueToField(v: number, valueBits: number): number {
  return valueBits >= 32 ? v >>> 0 : v & ((2 ** valueBits) - 1);
}

/** Inverse of valueToField. */
export function fieldToValue(field: number, valueBits: number, clustered: boolean): number {
  if (clustered) return field;
  const half = 2 ** (valueBits - 1);
  return field >= half ? field - 2 * half : field;
}
