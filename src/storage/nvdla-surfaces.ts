/**
 * NVDLA sparse weight compression surfaces (nvdla.org hw/format, "Sparse Compression option" and the alignment
 * table): one mask bit per weight (WMB), the non-zero weights packed compactly, and one 32-bit weight group size
 * (WGS) per kernel group, stored as three separate surfaces whose data sizes are each aligned to 128 bytes by
 * zero fill at the end of the surface. Groups follow each other compactly inside a surface (no padding between
 * groups); the WGS of each group is what lets the reader find where a group's weights start.
 */

/** Data size alignment of the compressed weight, WMB and WGS surfaces: 128 bytes (nvdla.org hw/format). */
export const NVDLA_SURFACE_ALIGN_BITS = 128 * 8;

/** Width of one weight group size (WGS) entry: 32 bits (nvdla.org hw/format: "One WGS is of 32-bit wise"). */
export const NVDLA_WGS_BITS = 32;

/** Bits rounded up to whole 128-byte surface units. */
export function alignToSurface(bits: number): number {
  return Math.ceil(bits / NVDLA_SURFACE_ALIGN_BITS) * NVDLA_SURFACE_ALIGN_BITS;
}

/** Number of kernel groups of atomicK kernels (the last may hold fewer). */
export function kernelGroups(kernels: number, atomicK: number): number {
  return Math.ceil(kernels / atomicK);
}
