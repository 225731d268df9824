import type { Layer } from '../workload/layer.js';
import { kernelRangeStreamBits, type SizingOptions } from './stream-sizes.js';
import type { StorageChoice } from './types.js';

/**
 * NVDLA's own bitmask weight compression (nvdla.org hw/format, "Sparse Compression option") of kernels
 * [k0, k1): the bytes read from memory and the bytes held in CBUF. This is the `bitmask` encoding, unclustered,
 * without ECC or IdxSync: the one implementation of the format, shared with sizing.
 *
 * stored_B: compressed weights + WMB + WGS of the range in the `nvdla` layout, the three surfaces' 128-byte end
 * padding charged to the range that ends at the last kernel. cbuf_B: the range's compressed weights and mask
 * without any padding (the `plain` layout's streams): CBUF keeps the WMB in a bank of its own, and WGS only
 * steers the fetch. Both round up to whole bytes, which matters only when a range's mask bits are not a
 * multiple of 8.
 */
export function nvdlaCompressedBytes(
  layer: Layer,
  k0: number,
  k1: number,
  atomicK: number,
  opts: Omit<SizingOptions, 'atomicK'> = {},
): { stored_B: number; cbuf_B: number } {
  const sizing = { ...opts, atomicK };
  const stored = kernelRangeStreamBits(layer, bitmaskChoice('nvdla'), k0, k1, sizing);
  const held = kernelRangeStreamBits(layer, bitmaskChoice('plain'), k0, k1, sizing);
  const storedBits = (stored.values ?? 0) + (stored.mask ?? 0) + (stored.groupSizes ?? 0);
  return { stored_B: Math.ceil(storedBits / 8), cbuf_B: Math.ceil((held.values ?? 0) / 8) + Math.ceil((held.mask ?? 0) / 8) };
}

function bitmaskChoice(layout: 'nvdla' | 'plain'): StorageChoice {
  return { label: `NVDLA weight compression (${layout})`, encoding: 'bitmask', bitmaskLayout: layout, clustered: false, bitsPerCell: {}, defaultBitsPerCell: 1 };
}
