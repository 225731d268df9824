import type { CbufFormat } from './spec.js';

/**
 * Bytes that decoded kernels occupy in CBUF.
 * - dense: one int8 byte per weight (NVDLA's int8 weight format).
 * - nvdla-compressed (nvdla.org hw/format, weight compression): three surfaces, each padded
 *   to 128 bytes: the non-zero int8 values, the WMB mask (one bit per weight) and the WGS
 *   (one 32-bit group size per kernel group of atomicK kernels).
 */
const SURFACE_ALIGN_B = 128;
const WGS_BYTES_PER_GROUP = 4;

function pad(bytes: number): number {
  return Math.ceil(bytes / SURFACE_ALIGN_B) * SURFACE_ALIGN_B;
}

export function cbufBytesOf(
  format: CbufFormat,
  weights: number,
  nonZeros: number,
  kernels: number,
  atomicK: number | undefined,
): number {
  if (format === 'dense') return weights;
  if (atomicK === undefined) throw new Error('weightPath.cbufFormat "nvdla-compressed" needs the NVDLA atomicK');
  const groups = Math.ceil(kernels / atomicK);
  return pad(nonZeros) + pad(Math.ceil(weights / 8)) + pad(groups * WGS_BYTES_PER_GROUP);
}
