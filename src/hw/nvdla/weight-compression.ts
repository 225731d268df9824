import { hasWeights, layerWeightCount, type Layer } from '../../workload/layer.js';
import { denseInt8Bytes, type KernelBytesFn, type KernelRangeBytes } from './weight-source.js';

/**
 * NVDLA's weight compression is a choice the compiler makes per hardware layer: CDMA's D_WEIGHT_FORMAT
 * (uncompressed / compressed) and the WMB/WGS addresses are per-layer registers (nvdla/hw
 * vmod/nvdla/cdma/NV_NVDLA_CDMA_dual_reg.v). A dense layer gains nothing from the mask and the group sizes, which
 * only add bytes, so a layer is stored compressed only when that is smaller than dense int8.
 */

/** Bytes of kernels [k0, k1) of `layer` in NVDLA's compressed format, kernel groups of `atomicK` kernels. */
export type CompressedBytesFn = (layer: Layer, k0: number, k1: number, atomicK: number) => KernelRangeBytes;

/**
 * Whether `layer`'s weights are stored compressed: the whole layer compressed takes strictly fewer bytes in
 * memory than dense int8 (one byte per weight). At equal size it stays dense: compression would then cost a CBUF
 * bank (the weight mask) for nothing.
 */
export function compressLayer(layer: Layer, atomicK: number, compressedBytes: CompressedBytesFn): boolean {
  if (!hasWeights(layer)) return false;
  return compressedBytes(layer, 0, layer.outputChannels, atomicK).stored_B < layerWeightCount(layer);
}

/**
 * Kernel bytes of every layer of a trace with the per-layer choice: a layer compressLayer picks is sized by
 * `compressedBytes`, every other layer as dense int8. The choice is made once per layer, here.
 */
export function perLayerCompressedBytes(layers: readonly Layer[], atomicK: number, compressedBytes: CompressedBytesFn): KernelBytesFn {
  const dense = denseInt8Bytes(layers);
  const compressed = layers.map((l) => compressLayer(l, atomicK, compressedBytes));
  return (layerIndex, k0, k1) => {
    const l = layers[layerIndex];
    if (l === undefined) throw new Error(`per-layer compression: no layer ${layerIndex}`);
    return compressed[layerIndex] === true ? compressedBytes(l, k0, k1, atomicK) : dense(layerIndex, k0, k1);
  };
}
