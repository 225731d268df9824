import type { LayerStorage } from '../../storage/types.js';

/** Cells the layers' streams occupy, by bits per cell: what the eNVM sub-arrays must hold. */
export function cellsByBitsPerCell(storages: Iterable<LayerStorage | undefined>): Map<number, number> {
  const out = new Map<number, number>();
  for (const s of storages) {
    if (s === undefined) continue;
    for (const stream of s.streams) out.set(stream.bitsPerCell, (out.get(stream.bitsPerCell) ?? 0) + stream.cells);
  }
  return out;
}
