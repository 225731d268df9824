import type { Picoseconds } from '../../engine/time.js';
import { hasWeights, layerWeightCount, type Layer } from '../../workload/layer.js';
import type { EnergyBreakdown, MemoryDevice, WeightSource } from '../memory.js';
import type { CbufWeights } from './cbuf-allocation.js';
import { WINOGRAD_WEIGHT_RATIO, winogradEligible } from './conv-mapping.js';
import type { NvdlaParams } from './spec.js';

/** Bytes of kernels [k0, k1) of a layer: as stored in memory and as held in CBUF. */
export interface KernelRangeBytes {
  stored_B: number;
  cbuf_B: number;
}
export type KernelBytesFn = (layerIndex: number, k0: number, k1: number) => KernelRangeBytes;

/** Dense int8: one byte per weight, in memory and in CBUF. */
export function denseInt8Bytes(layers: readonly Layer[]): KernelBytesFn {
  return (layerIndex, k0, k1) => {
    const l = layers[layerIndex];
    if (l === undefined) throw new Error(`dense weights: no layer ${layerIndex}`);
    const perKernel = l.outputChannels > 0 ? layerWeightCount(l) / l.outputChannels : 0;
    const bytes = (k1 - k0) * perKernel;
    return { stored_B: bytes, cbuf_B: bytes };
  };
}

/**
 * Winograd layers' weights as the compiler stores them: pre-transformed, a 4×4 tile per 3×3 kernel and channel
 * (16/9 of the bytes; nvdla/sw ConvolutionOp.cpp emitOp, bytesPerKernel of the 4×4×C weight cube), dense (the
 * transform leaves no zeros to compress). Other layers as `inner` sizes them.
 */
export function withWinogradWeights(layers: readonly Layer[], p: NvdlaParams, inner: KernelBytesFn): KernelBytesFn {
  const dense = denseInt8Bytes(layers);
  return (layerIndex, k0, k1) => {
    const l = layers[layerIndex];
    if (l === undefined || !winogradEligible(l, p)) return inner(layerIndex, k0, k1);
    const bytes = dense(layerIndex, k0, k1).stored_B * WINOGRAD_WEIGHT_RATIO;
    return { stored_B: bytes, cbuf_B: bytes };
  };
}

/** Bytes kernels [k0, k1) of a layer occupy in CBUF: the weight source's figure with compression, dense int8 without. */
export function cbufWeightBytes(p: NvdlaParams, weights: WeightSource, l: Layer, layerIndex: number, k0: number, k1: number): number {
  const dense = (k1 - k0) * (l.inputChannels / l.groups) * l.kernelHeight * l.kernelWidth;
  if (winogradEligible(l, p)) return dense * WINOGRAD_WEIGHT_RATIO;
  // A matmul's B operand is an activation (weight-operand.ts): dense int8, never from the weight source.
  if (p.weightCompression && hasWeights(l)) return weights.cbufBytes(layerIndex, k0, k1);
  return dense;
}

/** A weight source that says which layers it delivers in NVDLA's compressed format (proposed for WeightSource). */
type CompressionReporting = WeightSource & { isCompressed?: (layerIndex: number) => boolean };

/**
 * Whether CBUF holds a layer's weights compressed (and so reserves the weight-mask bank): never without the
 * core's compression; else as the source delivers them. A source that does not say is read from its sizes: dense
 * int8 delivered is exactly one byte per weight, and a layer the DRAM baseline stores compressed is always
 * smaller than that (weight-compression.ts). (An eNVM path writing NVDLA-compressed data, padded surfaces, could
 * by chance total exactly one byte per weight: such a source should say, through isCompressed.)
 */
export function cbufHoldsCompressed(p: NvdlaParams, weights: WeightSource, l: Layer, layerIndex: number): boolean {
  if (!p.weightCompression || !hasWeights(l) || winogradEligible(l, p)) return false;
  const reporting = weights as CompressionReporting;
  if (reporting.isCompressed !== undefined) return reporting.isCompressed(layerIndex);
  return weights.cbufBytes(layerIndex, 0, l.outputChannels) !== layerWeightCount(l);
}

/** A convolution's weights as CBUF holds them: their sizes and whether they need the weight-mask bank. */
export function cbufWeightsOf(p: NvdlaParams, weights: WeightSource, l: Layer, layerIndex: number): CbufWeights {
  return {
    bytesOf: (k0, k1) => cbufWeightBytes(p, weights, l, layerIndex, k0, k1),
    compressed: cbufHoldsCompressed(p, weights, l, layerIndex),
  };
}

/**
 * Weights held in a MemoryDevice (LPDDR4 in the NVDLA baseline), fetched
 * through it. Each layer's weights lie contiguously after the previous
 * layer's, from `baseAddress`; kernels in order within a layer. How many bytes
 * a kernel range takes comes from `bytesOf` (dense int8 by default; NVDLA's
 * bitmask compression plugs in here).
 *
 * It spends no energy and has no area of its own: the memory accounts both.
 */
export class MemoryWeightSource implements WeightSource {
  readonly name: string;
  bytesFetched = 0;
  private readonly layerBase: number[] = [];

  constructor(
    readonly memory: MemoryDevice,
    readonly layers: readonly Layer[],
    readonly baseAddress = 0,
    private readonly bytesOf: KernelBytesFn = denseInt8Bytes(layers),
  ) {
    this.name = `weights@${memory.name}`;
    let address = baseAddress;
    layers.forEach((l, i) => {
      this.layerBase.push(address);
      address += l.weights !== undefined ? bytesOf(i, 0, l.outputChannels).stored_B : 0;
    });
  }

  fetchKernels(layerIndex: number, k0: number, k1: number, t: Picoseconds): Picoseconds {
    const base = this.layerBase[layerIndex];
    if (base === undefined) throw new Error(`MemoryWeightSource: no layer ${layerIndex}`);
    const bytes = this.bytesOf(layerIndex, k0, k1).stored_B;
    this.bytesFetched += bytes;
    return this.memory.transfer('read', base + this.bytesOf(layerIndex, 0, k0).stored_B, bytes, t, 'weights');
  }

  cbufBytes(layerIndex: number, k0: number, k1: number): number {
    return this.bytesOf(layerIndex, k0, k1).cbuf_B;
  }

  /** Total stored bytes of all layers (the footprint in the memory). */
  storedBytes(): number {
    const last = this.layers.length - 1;
    if (last < 0) return 0;
    const l = this.layers[last]!;
    return this.layerBase[last]! - this.baseAddress + (l.weights !== undefined ? this.bytesOf(last, 0, l.outputChannels).stored_B : 0);
  }

  peakBandwidth_Bps(): number {
    return this.memory.peakBandwidth_Bps();
  }

  sharesMemoryWith(memory: MemoryDevice): boolean {
    return memory === this.memory;
  }

  area_mm2(): number {
    return 0;
  }
  advanceTo(): void {}
  energy_J(): EnergyBreakdown {
    return {};
  }
}
