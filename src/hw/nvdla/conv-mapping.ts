import { dilationOf, padsOf, type Layer } from '../../workload/layer.js';
import { dilatedExtent } from '../../workload/geometry.js';
import type { NvdlaParams } from './spec.js';

/**
 * How a convolution (or fully connected) layer maps onto NVDLA's operation
 * hierarchy (nvdla/doc unit_description.rst, Convolution Pipeline):
 * - direct: an atomic op is one output position × atomicC channels × atomicK kernels; a block is R×S stripes
 *   over one channel slice; a channel operation is ceil(C/atomicC) blocks.
 * - winograd (3×3, stride 1): F(2×2, 3×3) — a 4×4 input tile gives a 2×2 output tile with 16 instead of 36
 *   multiplies (2.25×); an atomic op is one tile × atomicC/16 channels; a block is one stripe; a channel operation
 *   is ceil(C / (atomicC/16)) blocks. The output is computed padded to a multiple of 4 in H and W, as the compiler
 *   pads it (nvdla/sw engine-ast ConvCoreNode::determineWinogradParams: 7 → 8, 14 → 16).
 * - image (first layer, ≤ 4 channels): channel pre-extension folds the S kernel columns into the channel
 *   direction (S·C channels per kernel row); post-extension combines 2 or 4 kernel rows per atomic op; stripes are
 *   up to 64 atomic ops and never cross an output row.
 */
export type ConvMode = 'direct' | 'winograd' | 'image';

export interface ConvMapping {
  mode: ConvMode;
  /** Input channels one kernel sees (C / groups). */
  channelsPerKernel: number;
  /** Kernels per convolution group (K / groups). */
  kernelsPerConvGroup: number;
  /** Stripe operations in one channel operation (blocks × stripes per block). */
  stripesPerChannelOp: number;
  /** Output positions one atomic op produces (4 in Winograd: a 2×2 tile). */
  positionsPerAtomic: number;
  /** Longest stripe in atomic ops. */
  stripeMax: number;
  /** Stripes are cut per output row (image mode) instead of running across rows. */
  stripesPerRow: boolean;
  /** Output rows of one tiling step are a multiple of this (Winograd scans 4 lines at once). */
  outputRowAlign: number;
  /** CBUF entries one input row (all its channels) occupies. */
  cbufEntriesPerInputRow: number;
  /** Bytes of one input row in memory (int8). */
  inputRowBytes: number;
  /** Multiplies performed per useful MAC (1/2.25 in Winograd, times the padded output's share). */
  multipliesPerMac: number;
  /** Output width the array computes (padded to a multiple of 4 in Winograd). */
  computeWidth: number;
}

/** A multiple of `n` at or above `x`. */
const alignUp = (x: number, n: number): number => Math.ceil(x / n) * n;

/**
 * Multiplies Winograd performs per network MAC: 1/2.25, times the share the output grows by when padded to
 * multiples of 4 in H and W.
 */
export function winogradMultipliesPerMac(l: Layer): number {
  return (alignUp(l.outputHeight, 4) * alignUp(l.outputWidth, 4)) / (l.outputHeight * l.outputWidth) / WINOGRAD_SPEEDUP;
}

/** Winograd weights are stored pre-transformed: a 4×4 tile per 3×3 kernel and channel (16/9 of the bytes). */
export const WINOGRAD_WEIGHT_RATIO = 16 / 9;

/** Winograd F(2×2,3×3): 36 direct multiplies per 2×2 output tile and channel, 16 in Winograd. */
export const WINOGRAD_SPEEDUP = 36 / 16;
/** unit_description: image-input stripes are fixed to 64 atomic ops; the CACC holds 64 int8 positions then. */
const IMAGE_STRIPE = 64;

/** A layer NVDLA can run in Winograd mode: a 3×3, stride-1, ungrouped convolution. */
export function winogradShapeFits(l: Layer): boolean {
  return l.op === 'conv' && l.groups === 1 && l.kernelHeight === 3 && l.kernelWidth === 3 && l.stride === 1 && dilationOf(l) === 1;
}

/**
 * Whether `l` runs in Winograd mode: Winograd enabled, the shape fits, and, where the system has chosen per layer
 * (`winogradLayers`, winograd-choice.ts), the layer is among those chosen.
 */
export function winogradEligible(l: Layer, p: NvdlaParams): boolean {
  return p.winograd && winogradShapeFits(l) && (p.winogradLayers?.has(l.name) ?? true);
}

export function imageInputEligible(l: Layer, p: NvdlaParams): boolean {
  return p.imageInput && l.op === 'conv' && l.groups === 1 && dilationOf(l) === 1 && l.inputs.includes('input') && l.inputChannels <= p.imagePixelBytes;
}

/**
 * Channels an image-input layer reads per pixel: the pixel format's (int8: one byte each), the network's channels
 * padded to it. The compiler pads the weights to match (nvdla/sw engine-ast ConvCoreNode::mandatoryChnlExtForIMG).
 */
export function imageChannels(l: Layer, p: NvdlaParams): number {
  return Math.max(l.inputChannels, p.imagePixelBytes);
}

/** Kernel rows combined per atomic op by channel post-extension (1, 2 or 4): unit_description limits table. */
function postExtensionLines(l: Layer, p: NvdlaParams): number {
  if (!p.channelPostExtension) return 1;
  const preExtended = l.kernelWidth * imageChannels(l, p);
  const strided = l.stride * imageChannels(l, p);
  // nv_full's limits are 16 and 32 channels: a quarter and a half of its 64-channel atomic op.
  if (preExtended <= p.macAtomicC / 4 && strided <= p.macAtomicC / 4) return 4;
  if (preExtended <= p.macAtomicC / 2 && strided <= p.macAtomicC / 2) return 2;
  return 1;
}

export function mapConvolution(l: Layer, p: NvdlaParams): ConvMapping {
  const Cg = l.inputChannels / l.groups;
  const Kg = l.outputChannels / l.groups;
  const rowBytes = l.inputWidth * l.inputChannels;
  // Direct and Winograd feature data: each position's channels fill whole CBUF entries.
  const dcEntries = l.inputWidth * Math.ceil(l.inputChannels / p.cbufBankWidth_B);
  const common = { channelsPerKernel: Cg, kernelsPerConvGroup: Kg, inputRowBytes: rowBytes, computeWidth: l.outputWidth };
  if (imageInputEligible(l, p)) {
    const lines = postExtensionLines(l, p);
    const pixelRowBytes = l.inputWidth * imageChannels(l, p);
    return {
      ...common,
      mode: 'image',
      inputRowBytes: pixelRowBytes,
      stripesPerChannelOp: Math.ceil(l.kernelHeight / lines) * Math.ceil((l.kernelWidth * imageChannels(l, p)) / p.macAtomicC),
      positionsPerAtomic: 1,
      stripeMax: IMAGE_STRIPE,
      stripesPerRow: true,
      outputRowAlign: 1,
      // Pixel rows are packed compactly in CBUF entries.
      cbufEntriesPerInputRow: Math.ceil(pixelRowBytes / p.cbufBankWidth_B),
      multipliesPerMac: 1,
    };
  }
  if (winogradEligible(l, p)) {
    return {
      ...common,
      mode: 'winograd',
      stripesPerChannelOp: Math.ceil(Cg / (p.macAtomicC / 16)),
      positionsPerAtomic: 4,
      stripeMax: p.stripeMax,
      stripesPerRow: false,
      outputRowAlign: 4,
      cbufEntriesPerInputRow: dcEntries,
      computeWidth: alignUp(l.outputWidth, 4),
      multipliesPerMac: winogradMultipliesPerMac(l),
    };
  }
  return {
    ...common,
    mode: 'direct',
    stripesPerChannelOp: Math.ceil(Cg / p.macAtomicC) * l.kernelHeight * l.kernelWidth,
    positionsPerAtomic: 1,
    stripeMax: p.stripeMax,
    stripesPerRow: false,
    outputRowAlign: 1,
    cbufEntriesPerInputRow: dcEntries,
    multipliesPerMac: 1,
  };
}

/**
 * Input rows [first, end) that output rows [y0, y1) read, clipped to the input. A dilated kernel spans
 * (R − 1)·dilation + 1 rows (CSC applies the dilation itself: nvdla/sw ConvolutionOp.cpp emitOp sets
 * dilationX/Y; ConvCoreNode::determineSplitDataRatios sizes row chunks by the dilated height).
 */
export function inputRowsFor(l: Layer, y0: number, y1: number): { first: number; end: number } {
  const top = padsOf(l)[0];
  const first = Math.max(0, y0 * l.stride - top);
  const end = Math.min(l.inputHeight, (y1 - 1) * l.stride - top + dilatedExtent(l.kernelHeight, dilationOf(l)));
  return { first, end: Math.max(first, end) };
}
