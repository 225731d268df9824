import type { CurvePoint, FigureKind } from './curve-types.js';

/**
 * An array beyond the largest characterized one, built as n whole tiles of the largest array
 * plus one remainder tile of the cells left over (sized by the capacity rule, `within`).
 * - Per-cell figures (leakage, area): every tile counts in full: n × largest + remainder.
 *   Growth is not assumed linear: the remainder tile has its own periphery, and the reference
 *   data shows linear growth for 1 bit per cell only (RRAM 2 and 3 bits per cell grow leakage
 *   ×2.45 and area ×3.4 from 4096 to 16384 KiB of cells, ×4 the cells).
 * - Latency: the bank is timed by its slowest tile (one latency per bank in the timing model).
 * - Energy per access: the tile an access hits, averaged over the cells (accesses spread evenly).
 * Not counted: wiring between the tiles (an H-tree across them would add latency and energy).
 */
export function beyondLargest(
  sorted: readonly CurvePoint[],
  capacity_cells: number,
  kind: FigureKind,
  within: (capacity_cells: number) => number,
): number {
  const { capacity_cells: L, value: full } = sorted[sorted.length - 1]!;
  const tiles = Math.floor(capacity_cells / L);
  const rest = capacity_cells - tiles * L;
  if (rest <= 0) return kind === 'perCell' ? tiles * full : full;
  const part = within(rest);
  if (kind === 'perCell') return tiles * full + part;
  if (kind === 'latency') return Math.max(full, part);
  return (tiles * L * full + rest * part) / capacity_cells;
}
