import { kernelSize, type KernelShape } from './weight-tensor.js';

/**
 * NVDLA's order of weights in memory for direct convolution (nvdla.org hw/format, "Basic Weight for Direct
 * Convolution"): kernels are split into groups of atomicK kernels; each kernel into 1×1×64-element small cubes
 * (the last cube of a kernel holds the leftover channels, no zero fill); inside a group the cubes are scanned
 * C' → K → S → R → C (C' the 64 channels of one cube fastest, the channel block slowest); groups follow each
 * other compactly. The sparse-compression WMB holds one mask bit per weight in this same order.
 */

/** Elements of one small cube of int8 weights (nvdla.org hw/format: "Divide each kernel to 1x1x64-element small cubes"). */
const NVDLA_CUBE_ELEMENTS = 64;

/**
 * order[p] = index in [K][C][R][S] order of the weight at storage position p. Groups are contiguous: group g
 * covers positions [g·atomicK·W, min((g + 1)·atomicK, K)·W).
 */
export function nvdlaStorageOrder(shape: KernelShape, atomicK: number): Int32Array {
  const { kernels, channels, height, width } = shape;
  const w = kernelSize(shape);
  const order = new Int32Array(kernels * w);
  let p = 0;
  for (let k0 = 0; k0 < kernels; k0 += atomicK) {
    const k1 = Math.min(kernels, k0 + atomicK);
    for (let c0 = 0; c0 < channels; c0 += NVDLA_CUBE_ELEMENTS) {
      const c1 = Math.min(channels, c0 + NVDLA_CUBE_ELEMENTS);
      for (let r = 0; r < height; r++) {
        for (let s = 0; s < width; s++) {
          for (let k = k0; k < k1; k++) {
            const base = k * w + r * width + s;
            for (let c = c0; c < c1; c++) order[p++] = base + c * height * width;
          }
        }
      }
    }
  }
  return order;
}
